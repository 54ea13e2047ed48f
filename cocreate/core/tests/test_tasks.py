from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cocreate.core.models import PeriodicRun
from cocreate.core.tasks import claim_periodic

pytestmark = pytest.mark.django_db


def test_periodic_task_is_claimed_once_per_interval():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert claim_periodic("tick", 60) is True
        assert claim_periodic("tick", 60) is False
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        assert claim_periodic("tick", 60) is True
        assert claim_periodic("tick", 60) is False
    assert PeriodicRun.objects.get(name="tick").last_enqueued_at == start + timedelta(seconds=61)
