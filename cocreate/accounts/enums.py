from django.db import models
from django.utils.translation import gettext_lazy as _


class Persona(models.TextChoices):
    CONSUMER = "consumer", _("Consumer")
    DEALER = "dealer", _("Dealer")
    PROFESSIONAL = "professional", _("Professional")


class AgeBand(models.TextChoices):
    UNDER_20 = "u20", _("Under 20")
    TWENTIES = "20s", _("20s")
    THIRTIES = "30s", _("30s")
    FORTIES = "40s", _("40s")
    FIFTIES = "50s", _("50s")
    SIXTY_PLUS = "60+", _("60 and over")


class Region(models.TextChoices):
    """Korea's 17 first-level divisions (시·도), plus abroad."""

    SEOUL = "seoul", _("Seoul")
    BUSAN = "busan", _("Busan")
    DAEGU = "daegu", _("Daegu")
    INCHEON = "incheon", _("Incheon")
    GWANGJU = "gwangju", _("Gwangju")
    DAEJEON = "daejeon", _("Daejeon")
    ULSAN = "ulsan", _("Ulsan")
    SEJONG = "sejong", _("Sejong")
    GYEONGGI = "gyeonggi", _("Gyeonggi")
    GANGWON = "gangwon", _("Gangwon")
    CHUNGBUK = "chungbuk", _("North Chungcheong")
    CHUNGNAM = "chungnam", _("South Chungcheong")
    JEONBUK = "jeonbuk", _("North Jeolla")
    JEONNAM = "jeonnam", _("South Jeolla")
    GYEONGBUK = "gyeongbuk", _("North Gyeongsang")
    GYEONGNAM = "gyeongnam", _("South Gyeongsang")
    JEJU = "jeju", _("Jeju")
    ABROAD = "abroad", _("Outside Korea")


class AccountErrorCode:
    EMAIL_TAKEN = "email_taken"
    INVALID_EMAIL = "invalid_email"
    WEAK_PASSWORD = "weak_password"  # noqa: S105 -- an error code, not a password
    INVALID_DISPLAY_NAME = "invalid_display_name"
    BAD_VERIFICATION_TOKEN = "bad_verification_token"  # noqa: S105 -- an error code
