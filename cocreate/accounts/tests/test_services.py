import pytest
from django.core import mail
from django.urls import reverse

from cocreate.accounts import services
from cocreate.accounts.models import ConsentRecord, User
from cocreate.accounts.tests.factories import UserFactory
from cocreate.core.errors import ValidationFailed
from cocreate.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def signup(**kw):
    args = {
        "email": "New@Example.com",
        "password": "a-long-pass-phrase-9",
        "display_name": " 새 사람 ",
    } | kw
    return services.user_signup(**args)


def test_signup_normalises_and_sends_a_confirmation(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = signup()
    assert (user.email, user.display_name, user.email_verified, user.b2b_consent) == (
        "new@example.com",
        "새 사람",
        False,
        False,
    )
    assert len(mail.outbox) == 1
    assert "/accounts/verify/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("_case", "kwargs", "field"),
    [
        ("bad email", {"email": "not-an-email"}, "email"),
        ("weak password", {"password": "1234"}, "password"),
        ("blank name", {"display_name": "   "}, "display_name"),
        ("long name", {"display_name": "가" * 41}, "display_name"),
    ],
)
def test_bad_signup_creates_nothing(_case, kwargs, field):
    with pytest.raises(ValidationFailed) as exc:
        signup(**kwargs)
    assert field in exc.value.fields
    assert User.objects.count() == 0


def test_email_is_unique_whatever_the_case():
    signup()
    with pytest.raises(ValidationFailed) as exc:
        signup(email="NEW@example.COM")
    assert "email" in exc.value.fields
    assert User.objects.count() == 1


def test_verification_token_confirms_once_and_forgery_fails():
    user = UserFactory(email_verified_at=None)
    token = services.email_verification_token(user)
    assert services.user_verify_email(token=token).email_verified
    with pytest.raises(ValidationFailed):
        services.user_verify_email(token=token[:-1] + "x")


def test_token_of_a_changed_email_fails():
    user = UserFactory(email_verified_at=None)
    token = services.email_verification_token(user)
    User.objects.filter(pk=user.pk).update(email="changed@example.com")
    with pytest.raises(ValidationFailed):
        services.user_verify_email(token=token)


def test_consent_is_recorded_with_its_notice_and_audited(user):
    services.consent_set(actor=user, granted=True)
    services.consent_set(actor=user, granted=True)  # no change, no record
    services.consent_set(actor=user, granted=False)
    user.refresh_from_db()
    assert user.b2b_consent is False
    assert list(ConsentRecord.objects.order_by("created_at").values_list("granted", flat=True)) == [
        True,
        False,
    ]
    assert AuditEvent.objects.filter(event_type="account.consent_changed").count() == 2


def test_profile_rejects_unknown_choices(user):
    with pytest.raises(ValidationFailed) as exc:
        services.profile_update(actor=user, display_name="가", persona="king", region="mars")
    assert set(exc.value.fields) == {"persona", "region"}


def test_signup_page_logs_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "p@x.kr", "display_name": "피", "password": "a-long-pass-phrase-9"},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_login_page(client, user):
    bad = client.post(reverse("accounts:login"), {"email": user.email, "password": "wrong"})
    assert bad.status_code == 422
    good = client.post(
        reverse("accounts:login"),
        {"email": user.email, "password": "pass-word-123", "next": "https://evil.example/"},
    )
    assert good.status_code == 302 and good["Location"] == "/"


def test_notify_stores_and_emails_after_commit(
    user, other_user, django_capture_on_commit_callbacks
):
    from cocreate.accounts.notifications import notify, unread_count

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [user, other_user, user],
            kind="test",
            title="아이디어가 검토에 들어갔어요",
            url="/ideas/1/",
        )
    assert unread_count(user) == 1 and unread_count(other_user) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([user.email, other_user.email])


def test_notifications_page_marks_read(client_for, user):
    from cocreate.accounts.notifications import notify, unread_count

    notify([user], kind="test", title="<b>안내</b>", email=False)
    html = client_for(user).get(reverse("accounts:notifications")).content.decode()
    assert "&lt;b&gt;안내&lt;/b&gt;" in html
    assert unread_count(user) == 0
