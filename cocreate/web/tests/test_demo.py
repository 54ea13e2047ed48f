"""The demo data: who and what it creates, that it follows the data sets, and that running it
again changes nothing."""

import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.catalog.models import Brand, Category, Product
from cocreate.contributions.enums import Kind
from cocreate.contributions.models import BODY_MAX, TITLE_MAX, Contribution
from cocreate.contributions.text import has_control_characters
from cocreate.core.audit import audit_verify
from cocreate.core.models import AuditEvent
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Membership, Organisation
from cocreate.web.demodata import apps, clothing, korean
from cocreate.web.demodata.catalogue import BRANDS, MALL
from cocreate.web.demodata.people import DEMO_PASSWORD, OPERATOR_EMAIL, contributor_specs
from cocreate.web.demodata.util import gtin13, moment, unit

LIMIT = 24


def seed(limit=LIMIT):
    out = StringIO()
    call_command("seed_demo", "--force", "--limit", str(limit), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_refuses_to_create_demo_accounts_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_rejects_a_limit_below_one():
    with pytest.raises(CommandError):
        call_command("seed_demo", "--force", "--limit", "0", stdout=StringIO())


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_demo_runs_with_debug_on_and_prints_the_logins():
    output = StringIO()
    call_command("seed_demo", "--limit", "3", stdout=output)
    text = output.getvalue()
    assert DEMO_PASSWORD in text and OPERATOR_EMAIL in text
    assert "owner.sodam@cocreate.example" in text and "owner.hanbit@cocreate.example" in text
    # every account the closing list names exists and opens with the published password
    listed = set(re.findall(r"[\w.+-]+@[\w.-]+\w", text.split("Demo logins", 1)[1]))
    assert {"moderator@demo.cocreate.local", "mall@demo.cocreate.local"} <= listed
    for email in listed:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD), email


@pytest.mark.django_db
def test_the_demo_has_people_brands_a_mall_and_writing_that_follows_its_data_sets():
    seed()
    operator = User.objects.get(email=OPERATOR_EMAIL)
    assert operator.is_staff and operator.check_password(DEMO_PASSWORD)
    brands = Organisation.objects.filter(kind=OrgKind.BRAND)
    assert brands.count() == len(BRANDS)
    assert Organisation.objects.get(slug=MALL.slug).kind == OrgKind.MALL
    for org in brands:
        roles = set(Membership.objects.filter(org=org).values_list("role", flat=True))
        assert roles == set(Role.values), org
        assert Brand.objects.filter(org=org).exists()
    assert Membership.objects.filter(org__slug=MALL.slug, role=Role.OWNER).exists()
    kinds = Counter(Contribution.objects.values_list("kind", flat=True))
    assert kinds[Kind.REVIEW] and kinds[Kind.COMPLAINT] and kinds[Kind.IDEA]
    assert not Category.objects.filter(level__lte=2, name_ko="").exists()
    assert audit_verify().ok
    _writing_follows_its_data_sets()


@pytest.mark.django_db
def test_running_the_demo_again_changes_nothing():
    seed()
    counts = (
        User.objects.count(),
        Product.objects.count(),
        Contribution.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )
    seed()
    assert counts == (
        User.objects.count(),
        Product.objects.count(),
        Contribution.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


def _writing_follows_its_data_sets():
    now = timezone.now()
    year_ago = now - timedelta(days=366)
    # The base demo's writing, imported from the data sets; other areas' demo modules add more.
    base = Contribution.objects.filter(
        import_key__regex=r"^demo:(clothing|sentineg|appreviews):"
    ).select_related("author", "product")
    assert base.exists()
    for c in base:
        assert year_ago < c.created_at < now, c.import_key
        if c.kind == Kind.IDEA:
            assert c.title and c.idea_type == "upgrade" and c.product.sku == "HR-APP"
    rows = clothing.read()
    by_key = {f"demo:clothing:{r['row_id']}": r for r in rows}
    for c in Contribution.objects.filter(import_key__startswith="demo:clothing:"):
        source = by_key[str(c.import_key)]
        assert c.rating == int(source["Rating"])
        assert c.author.age_band == clothing.age_band(int(source["Age"]))
        assert c.product.name.endswith(source["Clothing ID"])
        assert c.product.category.path_ids.startswith("/166/")
    labels = {f"demo:sentineg:{key}": positive for key, _text, positive in korean.read()}
    for c in Contribution.objects.filter(import_key__startswith="demo:sentineg:"):
        positive = labels[str(c.import_key)]
        if c.kind == Kind.REVIEW:
            assert c.rating in ((4, 5) if positive else (1, 2)), c.import_key
        else:
            assert c.kind == Kind.COMPLAINT and not positive


def test_contributors_are_spread_over_segments_and_half_consent():
    korean_people, english_people = contributor_specs()
    everyone = korean_people + english_people
    assert len({p.email for p in everyone}) == len(everyone) == 520
    personas = Counter(p.persona for p in everyone)
    assert all(personas[p] >= 30 for p in ("consumer", "dealer", "professional"))
    assert len({p.age_band for p in everyone if p.age_band}) == 6
    assert len({p.region for p in korean_people if p.region}) == 17
    share = sum(p.consent for p in everyone) / len(everyone)
    assert 0.4 < share < 0.6
    assert contributor_specs() == (korean_people, english_people)  # deterministic


@pytest.mark.parametrize(
    ("sentence", "sku"),
    [
        ("사이즈가 딱 맞아요", ("SD-SWEAT", "SD-JOGGER", "SD-VEST")),
        ("바지 기장이 길어요", ("SD-JOGGER",)),
        ("피부에 자극이 없어요", ("BG-CREAM",)),
        ("발색이 예뻐요", ("BG-TINT",)),
        ("충전이 너무 느려요", ("HR-CHARGER",)),
        ("귤이 달고 맛있어요", ("DN-TANGERINE",)),
        ("고양이가 잘 써요", ("MP-LITTER",)),
        ("아이가 블록을 좋아해요", ("DO-BLOCKS",)),
    ],
)
def test_korean_sentences_go_to_a_product_they_talk_about(sentence, sku):
    assert korean.product_for("demo:test", sentence) in sku


def test_a_sentence_about_nothing_in_particular_still_gets_a_korean_product():
    assert korean.product_for("demo:test", "좋아요") in korean.korean_skus()
    assert "HR-APP" not in korean.korean_skus()


def test_app_reviews_keep_one_row_per_text_in_label_order():
    rows = apps.read()
    assert len({" ".join(body.lower().split()) for _k, _l, _t, body, _r in rows}) == len(rows)
    assert {label for _k, label, *_rest in rows} == {"Feature", "Bug", "UserExperience"}
    assert all("\t" not in title for _k, _l, title, _b, _r in rows)


def test_clothing_texts_lose_the_html_entities_of_the_scrape():
    assert clothing.decoded("i&amp;#39;m tall") == "i'm tall"
    assert clothing.decoded("5&quot; heels & flats") == '5" heels & flats'


def test_deterministic_helpers():
    assert unit("a") == unit("a") != unit("b")
    now = timezone.now()
    assert now - timedelta(days=365) < moment("x", now) < now
    assert gtin13("880", 12) == gtin13("880", 12) and len(gtin13("880", 12)) == 13


def test_every_demo_text_fits_what_a_contribution_may_hold():
    """So the full demo creates every row it plans (the tests seed only a few)."""
    texts = [
        (clothing.decoded(r["Title"]), clothing.decoded(r["Review Text"])) for r in clothing.read()
    ]
    texts += [("", text) for _key, text, _positive in korean.read()]
    texts += [(title, body) for _key, _label, title, body, _rating in apps.read()]
    for title, body in texts:
        assert len(title.strip()) <= TITLE_MAX, title
        assert 0 < len(body.strip()) <= BODY_MAX
        assert not has_control_characters(title) and not has_control_characters(body)
