"""`cocreate ideas_tick` (also the worker's periodic task) and `cocreate bench_supports`."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from cocreate.accounts.models import User
from cocreate.catalog.tests.factories import CategoryFactory
from cocreate.core.tasks import enqueue_due_periodic
from cocreate.ideas import bench
from cocreate.ideas.enums import IdeaState
from cocreate.ideas.models import Campaign, Idea
from cocreate.ideas.tests.factories import reload

pytestmark = pytest.mark.django_db


def test_tick_command_expires_and_reports(gathering):
    deadline = reload(gathering).deadline
    assert deadline is not None
    out = StringIO()
    with time_machine.travel(deadline + timedelta(minutes=1), tick=False):
        call_command("ideas_tick", stdout=out)
    assert "expired: 1" in out.getvalue()
    assert reload(gathering).state == IdeaState.EXPIRED


def test_worker_schedule_runs_the_tick(gathering):
    assert settings.PERIODIC_TASKS["ideas_tick"]["task"] == "cocreate.ideas.tasks.ideas_tick_task"
    deadline = reload(gathering).deadline
    assert deadline is not None
    with time_machine.travel(deadline + timedelta(minutes=1), tick=False):
        assert "ideas_tick" in enqueue_due_periodic(settings.PERIODIC_TASKS)
    assert reload(gathering).state == IdeaState.EXPIRED


def test_milestones_scale_to_the_number_of_supporters():
    assert bench.scaled_milestones(10_000) == [(100, 60), (1000, 365), (5000, 182), (10000, 182)]
    assert bench.scaled_milestones(200) == [(2, 60), (20, 365), (100, 182), (200, 182)]
    assert bench.scaled_milestones(3) == [(1, 60), (2, 182), (3, 182)]


@pytest.mark.django_db(transaction=True)
def test_bench_prepares_supports_and_cleans_up():
    CategoryFactory()
    users_before = User.objects.count()
    setup = bench.prepare(12)
    assert len(setup.user_ids) == 12
    outcome = bench.run(setup, clients=1)
    assert (outcome.expected, outcome.supports, outcome.counter) == (12, 12, 12)
    assert outcome.state == IdeaState.IN_REVIEW and not outcome.errors
    bench.cleanup(setup)
    assert User.objects.count() == users_before
    assert not Idea.objects.filter(pk=setup.idea_id).exists()
    assert not Campaign.objects.filter(pk=setup.campaign_id).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_bench_command_prints_its_json_last_on_postgresql():
    CategoryFactory()
    out = StringIO()
    call_command("bench_supports", "--supporters", "120", "--clients", "8", stdout=out)
    last = json.loads(out.getvalue().strip().splitlines()[-1])
    assert last["expected"] == last["supports"] == last["counter"] == 120
    assert last["state"] == "in_review" and last["supports_per_s"] > 0
