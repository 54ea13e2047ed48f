"""Moderation is blind to ratings and sentiment.

1. By construction: no moderation module (other than the transparency report, which counts
   after the fact) names a rating, a sentiment or an aspect, in code or in templates.
2. At run time: a rating read from moderation code fails the test.
3. By behaviour: a 1-star and a 5-star review with the same text meet exactly the same path
   (same queue, same options, same outcomes, same notifications, same audit events apart from
   ids), and so do a complaint and a review with the same text.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client

from cocreate.accounts.models import Notification
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.core.models import AuditEvent
from cocreate.moderation import permissions as perms
from cocreate.moderation import services
from cocreate.moderation.blind import COLUMNS, Subject, subject_get
from cocreate.moderation.enums import Reason
from cocreate.textintel.models import Enrichment

APP = Path(__file__).resolve().parent.parent
BANNED = ("rating", "sentiment", "aspect")
BANNED_WORDS = ("star", "stars")


def _modules() -> list[Path]:
    """Every module of the app but its tests, its migrations, the transparency report (which
    counts by rating after the fact) and the benchmark (which builds rated reviews)."""
    return [
        p
        for p in APP.rglob("*.py")
        if "tests" not in p.parts
        and "migrations" not in p.parts
        and not p.name.startswith(("transparency", "bench_"))
    ]


def _banned(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in BANNED) or lowered.strip(".") in BANNED_WORDS


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Name):
            names = [node.id]
        elif isinstance(node, ast.Attribute):
            names = [node.attr]
        elif isinstance(node, ast.keyword) and node.arg:
            names = [node.arg]
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names = [node.name]
        elif isinstance(node, ast.alias):
            names = [node.name, node.asname or ""]
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and not re.search(r"\s", node.value)
        ):
            # ORM lookups and field names: strings without spaces, e.g. "contribution__rating"
            names = re.split(r"__|\.", node.value)
        found += [f"{path.relative_to(APP)}:{node.lineno}: {n}" for n in names if n and _banned(n)]
    return found


def test_no_moderation_module_names_a_rating_or_a_sentiment():
    modules = _modules()
    assert len(modules) > 10
    offences = [o for path in modules for o in _offences(path)]
    assert offences == []


def test_the_scan_would_catch_a_rating():
    sample = APP / "tests" / "_blind_sample.py"
    sample.write_text("def f(c):\n    return c.rating, C.objects.values('contribution__rating')\n")
    try:
        assert len(_offences(sample)) == 2
    finally:
        sample.unlink()


TAG = re.compile(r"{{(.*?)}}|{%(.*?)%}", re.S)
STRING = re.compile(r"\"[^\"]*\"|'[^']*'")


def _template_offences(text: str) -> list[str]:
    out = []
    for var, tag in TAG.findall(text):
        code = STRING.sub("", var or tag)  # translated sentences may speak of ratings
        out += [w for w in re.findall(r"[\w.]+", code) if _banned(w)]
    return out


def test_no_moderation_template_reads_a_rating():
    templates = [
        p
        for p in (APP / "templates").rglob("*.html")
        if not p.name.startswith("transparency") and "charts" not in p.parts
    ]
    assert len(templates) > 10
    offences = {str(p.relative_to(APP)): _template_offences(p.read_text()) for p in templates}
    assert {k: v for k, v in offences.items() if v} == {}
    assert _template_offences("{{ c.rating }} {% if subject.sentiment %}") == [
        "c.rating",
        "subject.sentiment",
    ]


def test_the_subject_has_no_rating_and_no_sentiment():
    fields = set(Subject.__dataclass_fields__) | set(COLUMNS)
    assert not [f for f in fields if _banned(f)]


# --- at run time --------------------------------------------------------------------------------


class Trap:
    """A model attribute that fails when code of the moderation app (outside the transparency
    report) reads it. Other apps (the product counters, the pages) read it freely."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        module = sys._getframe(1).f_globals.get("__name__", "")
        inside = module.startswith("cocreate.moderation") and ".tests" not in module
        if inside and ".transparency" not in module:
            raise AssertionError(f"{module} read {self.name}")
        return obj.__dict__.get(self.name)

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = value


@pytest.fixture
def rating_trap(monkeypatch):
    monkeypatch.setattr(Contribution, "rating", Trap("rating"))
    for name in ("sentiment", "sentiment_score", "sentiment_confidence", "aspects"):
        monkeypatch.setattr(Enrichment, name, Trap(name))


def test_the_trap_works(rating_trap, user, product):
    review = make_review(author=user, product=product, rating=3)
    assert review.rating == 3  # read from a test module: allowed
    code = compile("c.rating", "x", "eval")
    with pytest.raises(AssertionError):
        eval(code, {"__name__": "cocreate.moderation.services", "c": review})  # noqa: S307


# --- by behaviour -------------------------------------------------------------------------------

FROZEN = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def _normalise(value: Any, ids: dict[str, dict[int, str]], key: str = "") -> Any:
    """Replace ids by tokens where they appear as ids: values of id keys (per table), and
    contribution ids inside URLs and element ids (after "/" or "name-"). Other numbers, such as
    tabindex="-1", stay."""
    if isinstance(value, dict):
        return {k: _normalise(v, ids, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v, ids, key) for v in value]
    table = {"id": "contribution", "contribution_id": "contribution"}.get(key, key)
    if table in ids and str(value).isdigit():
        return ids[table].get(int(value), value)
    if isinstance(value, str):
        value = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", value)
        value = re.sub(r'(nonce="|"X-CSRFToken": ")[^"]+', r"\1…", value)
        return re.sub(
            r"(?:(?<=/)|(?<=[a-z]-))(\d+)(?=[/\"])",
            lambda m: ids["contribution"].get(int(m.group(1)), m.group(1)),
            value,
        )
    return value


def run_path(c: Contribution, cast: dict[str, Any]) -> dict[str, Any]:
    """Everything moderation does with `c`, from reports to an overturned appeal, as data
    with the ids replaced by tokens."""
    first_event = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    first_note = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
    moderator, second, author = cast["moderator"], cast["second_moderator"], cast["author"]
    with time_machine.travel(FROZEN, tick=False):
        services.report_file(actor=cast["brand_analyst"], contribution_id=c.pk, reason="abuse")
        services.report_file(actor=cast["mall_key"], contribution_id=c.pk, reason="spam")
        staff = Client()
        staff.force_login(moderator)
        queue_html = staff.get("/moderation/?tab=reports", HTTP_HX_REQUEST="true").content.decode()
        queue_json = staff.get("/api/v1/transparency/queue?tab=reports").json()
        subject = subject_get(c.pk)
        options = {
            who: perms.decision_outcomes(cast[who], subject, open_reports=2)
            for who in ("moderator", "brand_moderator", "brand_owner", "mall_owner")
        }
        decide_page = staff.get(f"/moderation/c/{c.pk}/decide/").content.decode()
        decision = services.decision_make(
            actor=moderator, contribution_id=c.pk, outcome="hidden", reason=Reason.ABUSE
        )
        hidden_status = Contribution.objects.values_list("status", flat=True).get(pk=c.pk)
        appeal = services.appeal_file(actor=author, decision_id=decision.pk, statement="아닙니다")
        services.appeal_decide(actor=second, appeal_id=appeal.pk, overturn=True, answer="복구")
    final_status = Contribution.objects.values_list("status", flat=True).get(pk=c.pk)
    subjects = {
        ("contributions.contribution", str(c.pk)): "<contribution>",
        ("moderation.decision", str(decision.pk)): "<decision>",
        ("moderation.appeal", str(appeal.pk)): "<appeal>",
        **{
            ("moderation.report", str(r)): f"<report {n}>"
            for n, r in enumerate(c.reports.order_by("pk").values_list("pk", flat=True))
        },
    }
    events = [
        {
            "type": e.event_type,
            "actor": [e.actor_kind, e.actor_id],
            "subject": subjects.get((e.subject_type, e.subject_id), e.subject_id),
            "payload": json.loads(e.payload),
        }
        for e in AuditEvent.objects.filter(seq__gt=first_event).order_by("seq")
    ]
    notes = list(
        Notification.objects.filter(id__gt=first_note)
        .order_by("id")
        .values_list("user_id", "kind", "title", "body", "url")
    )
    ids = {
        "contribution": {c.pk: "<contribution>"},
        "decision": {decision.pk: "<decision>"},
        "appeal": {appeal.pk: "<appeal>"},
    }
    return _normalise(
        {
            "queue_html": queue_html,
            "queue_json": queue_json,
            "options": options,
            "decide_page": decide_page,
            "hidden_status": hidden_status,
            "final_status": final_status,
            "events": events,
            "notifications": notes,
        },
        ids,
    )


@pytest.fixture
def cast(
    user,
    moderator,
    second_moderator,
    brand_analyst,
    brand_moderator,
    brand_owner,
    mall_owner,
    mall_key,
):
    return {
        "author": user,
        "moderator": moderator,
        "second_moderator": second_moderator,
        "brand_analyst": brand_analyst,
        "brand_moderator": brand_moderator,
        "brand_owner": brand_owner,
        "mall_owner": mall_owner,
        "mall_key": mall_key[0],
    }


TEXT = "배송은 빨랐는데 상품이 설명과 달라요. 솔직히 실망했습니다."


@pytest.mark.django_db
@pytest.mark.parametrize(("low", "high"), [(1, 5), (2, 4)])
def test_a_low_and_a_high_rating_meet_exactly_the_same_path(rating_trap, cast, product, low, high):
    with time_machine.travel(FROZEN, tick=False):
        one = make_review(author=cast["author"], product=product, rating=low, body=TEXT)
        five = make_review(author=cast["author"], product=product, rating=high, body=TEXT)
    path_one = run_path(one, cast)
    path_five = run_path(five, cast)
    assert path_one["hidden_status"] == "hidden"
    assert path_one["final_status"] == "published"
    assert path_one["options"]["moderator"] == ["approved", "hidden"]
    assert path_one["options"]["brand_moderator"] == []
    assert "<contribution>" in path_one["queue_html"]
    assert [e["type"] for e in path_one["events"]] == [
        "moderation.reported",
        "moderation.reported",
        "contribution.status_changed",
        "moderation.decided",
        "moderation.appealed",
        "contribution.status_changed",
        "moderation.appeal_decided",
    ]
    assert [n[1] for n in path_one["notifications"]] == [
        "moderation.hidden",
        "moderation.report_decided",
        "moderation.appeal_decided",
    ]
    assert path_one == path_five


@pytest.mark.django_db
def test_a_complaint_and_a_review_with_the_same_text_meet_the_same_options(cast, product):
    review = make_review(author=cast["author"], product=product, rating=1, body=TEXT)
    complaint = make_complaint(author=cast["author"], product=product, body=TEXT)
    for who in ("moderator", "brand_moderator", "brand_owner", "mall_owner", "brand_analyst"):
        assert perms.decision_outcomes(
            cast[who], subject_get(review.pk), open_reports=1
        ) == perms.decision_outcomes(cast[who], subject_get(complaint.pk), open_reports=1)
        assert perms.can_report_contribution(cast[who], subject_get(review.pk)) is (
            perms.can_report_contribution(cast[who], subject_get(complaint.pk))
        )
