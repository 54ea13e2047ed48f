import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cocreate.accounts.models import User
from cocreate.insights import session_bench as bench
from cocreate.insights.models import TestSession


@pytest.mark.django_db(transaction=True)
def test_bench_single_client_fills_exactly_the_limit() -> None:
    users_before = User.objects.count()
    setup = bench.prepare(limit=6, people=9)
    outcome = bench.run(setup, clients=1)
    assert (outcome.limit, outcome.responses, outcome.counter) == (6, 6, 6)
    assert outcome.errors == {"session_full": 3}
    assert set(outcome.results_ms) == {"all", "persona", "age_band", "region"}
    bench.cleanup(setup)
    assert User.objects.count() == users_before
    assert not TestSession.objects.exists()


def test_bench_refuses_bad_arguments() -> None:
    with pytest.raises(CommandError):
        call_command("bench_sessions", "--limit", "10", "--people", "5", stdout=StringIO())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_bench_command_prints_its_json_last_on_postgresql() -> None:
    out = StringIO()
    call_command("bench_sessions", "--limit", "40", "--people", "60", "--clients", "6", stdout=out)
    last = json.loads(out.getvalue().strip().splitlines()[-1])
    assert last["responses"] == 40 and last["exact"]
    assert last["refused"] == {"session_full": 20}
