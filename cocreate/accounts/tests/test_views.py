"""Sign-up, login, logout, profile, consent, email confirmation and notifications pages."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from cocreate.accounts import services
from cocreate.accounts.models import ConsentRecord, Notification, User
from cocreate.accounts.notifications import notify
from cocreate.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

GOOD = {"email": "new@example.com", "display_name": "새 사람", "password": "a-long-pass-phrase-9"}


def test_signup_creates_the_account_logs_in_and_sends_a_link(
    client_for, django_capture_on_commit_callbacks
):
    client = client_for(None)
    assert client.get(reverse("accounts:signup")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), {**GOOD, "next": "/c/"})
    assert response.status_code == 302 and response["Location"] == "/c/"
    user = User.objects.get(email="new@example.com")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.b2b_consent is False
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("_case", "change"),
    [
        ("bad email", {"email": "not-an-email"}),
        ("missing email", {"email": ""}),
        ("weak password", {"password": "12345678"}),
        ("blank name", {"display_name": "   "}),
        ("long name", {"display_name": "가" * 41}),
        ("long password", {"password": "x" * 129}),
    ],
)
def test_bad_signup_shows_the_form_again_and_creates_nothing(client_for, _case, change):
    response = client_for(None).post(reverse("accounts:signup"), {**GOOD, **change})
    assert response.status_code == 422
    assert response.context["form"].errors
    assert User.objects.count() == 0


def test_signup_with_a_taken_email_is_refused(client_for, user):
    response = client_for(None).post(
        reverse("accounts:signup"), {**GOOD, "email": user.email.upper()}
    )
    assert response.status_code == 422
    assert "email" in response.context["form"].errors
    assert User.objects.count() == 1


def test_signup_never_redirects_to_another_site(client_for):
    response = client_for(None).post(
        reverse("accounts:signup"), {**GOOD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_login_with_the_wrong_password_says_so(client_for, user):
    response = client_for(None).post(
        reverse("accounts:login"), {"email": user.email, "password": "wrong-one"}
    )
    assert response.status_code == 422
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_login_goes_to_next_in_the_person_s_language(client_for, user):
    user.preferred_language = "en"
    user.save()
    response = client_for(None).post(
        reverse("accounts:login"),
        {"email": user.email.upper(), "password": PASSWORD, "next": "/contributions/mine/"},
    )
    assert response.status_code == 302 and response["Location"] == "/contributions/mine/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_logout_needs_a_post(client_for, user):
    client = client_for(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_email_confirmation_link(client_for, db):
    person = UserFactory(email_verified_at=None)
    token = services.email_verification_token(person)
    assert client_for(None).get(reverse("accounts:verify-email", args=[token])).status_code == 302
    person.refresh_from_db()
    assert person.email_verified
    bad = client_for(None).get(reverse("accounts:verify-email", args=["forged"]))
    assert bad.status_code == 400


def test_resend_confirmation_only_for_unconfirmed_email(client_for, db):
    person = UserFactory(email_verified_at=None)
    client_for(person).post(reverse("accounts:verify-again"))
    assert len(mail.outbox) == 1
    confirmed = UserFactory()
    client_for(confirmed).post(reverse("accounts:verify-again"))
    assert len(mail.outbox) == 1


def test_profile_needs_login(client_for, db):
    response = client_for(None).get(reverse("accounts:profile"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_profile_saves_persona_fields(client_for, user):
    response = client_for(user).post(
        reverse("accounts:profile"),
        {
            "display_name": " 새 이름 ",
            "persona": "dealer",
            "age_band": "30s",
            "region": "busan",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.persona, user.age_band, user.region) == (
        "새 이름",
        "dealer",
        "30s",
        "busan",
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.parametrize(
    "change",
    [{"persona": "king"}, {"age_band": "90s"}, {"display_name": ""}, {"preferred_language": "fr"}],
)
def test_bad_profile_input_changes_nothing(client_for, user, change):
    before = (user.display_name, user.persona, user.preferred_language)
    data = {
        "display_name": "이름",
        "persona": "",
        "age_band": "",
        "region": "",
        "preferred_language": "ko",
    }
    response = client_for(user).post(reverse("accounts:profile"), {**data, **change})
    assert response.status_code == 422
    user.refresh_from_db()
    assert (user.display_name, user.persona, user.preferred_language) == before


def test_profile_shows_the_notice_and_the_history_of_the_choice(client_for, user):
    client = client_for(user)
    client.post(reverse("accounts:consent"), {"b2b_consent": "on"})
    user.refresh_from_db()
    assert user.b2b_consent
    client.post(reverse("accounts:consent"), {})
    user.refresh_from_db()
    assert not user.b2b_consent
    assert ConsentRecord.objects.filter(user=user).count() == 2
    html = client.get(reverse("accounts:profile")).content.decode()
    assert services.CONSENT_NOTICE_VERSION in html
    assert html.count("<time") >= 2


def test_consent_needs_a_post(client_for, user):
    assert client_for(user).get(reverse("accounts:consent")).status_code == 405


def test_notifications_page_marks_what_it_shows_as_read(client_for, user, other_user):
    notify([user], kind="test", title="아이디어가 검토에 들어갔어요", url="/ideas/1/", email=False)
    notify([other_user], kind="test", title="남의 알림", email=False)
    client = client_for(user)
    html = client.get(reverse("accounts:notifications")).content.decode()
    assert "아이디어가 검토에 들어갔어요" in html and "남의 알림" not in html
    assert 'href="/ideas/1/"' in html
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other_user, read_at__isnull=True).exists()


def test_unread_count_shows_in_the_header(client_for, user):
    notify([user], kind="test", title="새 소식", email=False)
    html = client_for(user).get(reverse("web:home")).content.decode()
    assert 'class="badge count"' in html


def test_forgot_password_sends_a_link_that_sets_a_new_one(client_for, user):
    client = client_for(None)
    response = client.post(reverse("accounts:password-reset"), {"email": user.email.upper()})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-phrase-7", "new_password2": "another-long-phrase-7"},
    )
    assert done["Location"] == reverse("accounts:password-reset-done")
    user.refresh_from_db()
    assert user.check_password("another-long-phrase-7")
    assert not client.get(path, follow=True).context["validlink"]  # the link works once


def test_an_imported_account_without_password_can_set_one(client_for, db):
    person = User.objects.create_user(
        email="imported@example.com", password=None, display_name="가"
    )
    assert not person.has_usable_password()
    client_for(None).post(reverse("accounts:password-reset"), {"email": "imported@example.com"})
    assert len(mail.outbox) == 1


def test_forgot_password_does_not_tell_whether_an_account_exists(client_for, db):
    response = client_for(None).post(
        reverse("accounts:password-reset"), {"email": "nobody@example.com"}
    )
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 0


def test_ten_wrong_passwords_lock_the_login_for_a_while(client_for, user):
    client = client_for(None)
    url = reverse("accounts:login")
    for _ in range(10):
        assert client.post(url, {"email": user.email, "password": "wrong"}).status_code == 422
    locked = client.post(url, {"email": user.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_clears_the_count_of_wrong_ones(client_for, user):
    url = reverse("accounts:login")
    for _ in range(9):
        client_for(None).post(url, {"email": user.email, "password": "wrong"})
    assert (
        client_for(None).post(url, {"email": user.email, "password": PASSWORD}).status_code == 302
    )
    for _ in range(9):
        client_for(None).post(
            url, {"email": user.email, "password": "wrong"}, REMOTE_ADDR="10.0.0.2"
        )
    assert (
        client_for(None).post(url, {"email": user.email, "password": PASSWORD}).status_code == 302
    )


def test_many_sign_ups_from_one_address_are_slowed_down(client_for, db):
    for n in range(10):
        response = client_for(None).post(
            reverse("accounts:signup"), {**GOOD, "email": f"p{n}@example.com"}
        )
        assert response.status_code == 302
    response = client_for(None).post(
        reverse("accounts:signup"), {**GOOD, "email": "p10@example.com"}
    )
    assert response.status_code == 429
    assert not User.objects.filter(email="p10@example.com").exists()


def test_password_mails_are_limited(client_for, user):
    url = reverse("accounts:password-reset")
    for _ in range(5):
        assert client_for(None).post(url, {"email": user.email}).status_code == 302
    assert client_for(None).post(url, {"email": user.email}).status_code == 429
    assert len(mail.outbox) == 5


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "127.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9", "198.51.100.1"),
        (2, "203.0.113.9", "127.0.0.1"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    rf, settings, proxies, forwarded, expected
):
    from cocreate.accounts.throttle import client_address

    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    assert client_address(request) == expected
