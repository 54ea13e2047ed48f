import pytest
from django.utils import timezone

from cocreate.accounts.tests.factories import UserFactory
from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.orgs import services
from cocreate.orgs.enums import OrgKind, Role, Scope
from cocreate.orgs.models import ApiKey, Membership
from cocreate.orgs.permissions import has_role

pytestmark = pytest.mark.django_db


def test_creator_becomes_owner(user):
    org = services.org_create(actor=user, kind=OrgKind.MALL, name="  좋은 몰 ", slug="good-mall")
    assert (org.name, org.kind) == ("좋은 몰", "mall")
    assert Membership.objects.get(org=org).role == Role.OWNER


def test_slug_is_unique(user):
    services.org_create(actor=user, kind=OrgKind.BRAND, name="A", slug="a")
    with pytest.raises(Conflict):
        services.org_create(actor=user, kind=OrgKind.BRAND, name="B", slug="a")


def test_key_is_shown_once_and_stored_as_digest(brand_org, brand_owner):
    key, raw = services.api_key_create(
        actor=brand_owner, org=brand_org, name="feed", scopes=[Scope.FEED_READ]
    )
    secret = raw.split("_", 2)[2]
    assert raw.startswith(f"cck_{key.prefix}_")
    stored = ApiKey.objects.get(pk=key.pk)
    assert secret not in stored.secret_digest and len(stored.secret_digest) == 64
    assert services.api_key_authenticate(raw) == stored
    assert services.api_key_authenticate(raw[:-1] + ("x" if raw[-1] != "x" else "y")) is None


def test_revoked_key_stops_working(brand_org, brand_owner):
    key, raw = services.api_key_create(
        actor=brand_owner, org=brand_org, name="k", scopes=[Scope.ORDERS_WRITE]
    )
    services.api_key_revoke(actor=brand_owner, key=key)
    assert services.api_key_authenticate(raw) is None


def test_last_used_is_recorded(brand_org, brand_owner):
    key, raw = services.api_key_create(
        actor=brand_owner, org=brand_org, name="k", scopes=[Scope.ORDERS_WRITE]
    )
    before = timezone.now()
    services.api_key_authenticate(raw)
    key.refresh_from_db()
    assert key.last_used_at is not None and key.last_used_at >= before


@pytest.mark.parametrize(
    "role_fixture", ["brand_moderator", "brand_analyst", "other_brand_moderator", "user"]
)
def test_only_owners_manage_keys(request, brand_org, role_fixture):
    actor = request.getfixturevalue(role_fixture)
    with pytest.raises(Forbidden):
        services.api_key_create(actor=actor, org=brand_org, name="k", scopes=[Scope.FEED_READ])
    assert ApiKey.objects.count() == 0


def test_scopes_must_be_known(brand_org, brand_owner):
    with pytest.raises(ValidationFailed):
        services.api_key_create(actor=brand_owner, org=brand_org, name="k", scopes=["admin:all"])


def test_owner_holds_every_role(brand_org, brand_owner, brand_analyst):
    assert has_role(brand_owner, brand_org, Role.MODERATOR)
    assert not has_role(brand_analyst, brand_org, Role.MODERATOR)
    assert has_role(brand_analyst, brand_org, Role.ANALYST)


def test_last_owner_cannot_leave(brand_org, brand_owner):
    with pytest.raises(Conflict):
        services.membership_remove(
            actor=brand_owner, org=brand_org, user=brand_owner, role=Role.OWNER
        )


def test_new_keys_get_the_default_rate_limit(mall_org, mall_owner, settings):
    key, _raw = services.api_key_create(
        actor=mall_owner, org=mall_org, name="k", scopes=[Scope.FEED_READ]
    )
    assert key.rate_limit_per_minute == settings.API_KEY_RATE_LIMIT_DEFAULT


@pytest.mark.parametrize("per_minute", [0, -1, 601, "10", True])
def test_owners_cannot_raise_their_limit_or_set_nonsense(mall_org, mall_owner, per_minute):
    with pytest.raises(ValidationFailed) as err:
        services.api_key_create(
            actor=mall_owner,
            org=mall_org,
            name="k",
            scopes=[Scope.FEED_READ],
            rate_limit_per_minute=per_minute,
        )
    assert err.value.code == "invalid_rate_limit"
    assert ApiKey.objects.count() == 0


def test_operators_set_any_limit_and_it_is_audited(mall_org, mall_owner, staff):
    from cocreate.core.models import AuditEvent

    key, _raw = services.api_key_create(
        actor=mall_owner, org=mall_org, name="k", scopes=[Scope.FEED_READ]
    )
    services.api_key_set_rate_limit(actor=staff, key=key, per_minute=50_000)
    assert ApiKey.objects.get(pk=key.pk).rate_limit_per_minute == 50_000
    assert AuditEvent.objects.filter(event_type="apikey.rate_limit_changed").count() == 1
    with pytest.raises(Forbidden):
        services.api_key_set_rate_limit(actor=UserFactory(), key=key, per_minute=10)


def test_rate_window_counts_and_resets(mall_org, mall_owner):
    from django.core.cache import cache

    from cocreate.core.errors import RateLimited

    cache.clear()
    key, _raw = services.api_key_create(
        actor=mall_owner, org=mall_org, name="k", scopes=[Scope.FEED_READ], rate_limit_per_minute=2
    )
    start = 1_800_000_000.0  # the start of a minute
    assert services.api_key_take_request(key, now=start) == 1
    assert services.api_key_take_request(key, now=start + 1) == 0
    with pytest.raises(RateLimited) as err:
        services.api_key_take_request(key, now=start + 15)
    assert err.value.retry_after == 45
    assert services.api_key_take_request(key, now=start + 60) == 1  # a new window
