"""Per-document bounds: a document too large or too slow fails by name, the batch goes on, and
nothing of it is stored."""

from __future__ import annotations

import threading
import time

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.ingest.batch import ingest
from bilateral.limits import Limits, TimedOut, time_bound

ARTICLE = "Товарооборот Казахстана и России в 2023 году составил 28 млрд долларов.\n"


def _slow_text() -> str:
    # a 300 KB run of numbers: several seconds of work, whatever the machine
    return " ".join(str(i) for i in range(60_000))


def test_a_slow_document_fails_by_name_and_the_batch_goes_on(tmp_path, store):
    (tmp_path / "slow.txt").write_text(_slow_text(), "utf-8")
    (tmp_path / "fine.txt").write_text(ARTICLE, "utf-8")
    t0 = time.perf_counter()
    summary = ingest([str(tmp_path)], store, limits=Limits(max_seconds=0.5))
    assert time.perf_counter() - t0 < 30
    assert summary.stored == ["fine"]
    (failure,) = summary.failed
    assert failure.origin.endswith("slow.txt")
    assert "stopped after 0.5 s" in failure.reason and "--max-seconds" in failure.reason
    assert [d["doc_id"] for d in store.documents()] == ["fine"]


def test_a_document_over_the_size_bound_fails_by_name(tmp_path, store):
    (tmp_path / "long.txt").write_text(ARTICLE * 40, "utf-8")
    (tmp_path / "short.txt").write_text(ARTICLE, "utf-8")
    summary = ingest([str(tmp_path)], store, limits=Limits(max_chars=1000))
    assert summary.stored == ["short"]
    (failure,) = summary.failed
    assert failure.origin.endswith("long.txt")
    assert f"too large: {len(ARTICLE * 40)} characters" in failure.reason


def test_the_time_bound_holds_in_a_worker_thread_and_ends_with_its_block():
    outcome: list[str] = []

    def busy() -> None:
        try:
            with time_bound(0.2):
                while True:
                    sum(range(1000))
        except TimedOut:
            outcome.append("timed out")
        with time_bound(0.05):
            pass
        time.sleep(0.2)  # a disarmed bound raises nothing later
        outcome.append("went on")

    worker = threading.Thread(target=busy)
    worker.start()
    worker.join(10)
    assert outcome == ["timed out", "went on"]


def test_ingest_takes_the_bounds_as_options_and_from_the_environment(tmp_path):
    (tmp_path / "long.txt").write_text(ARTICLE * 40, "utf-8")
    db = str(tmp_path / "b.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(tmp_path / "long.txt"), "--db", db,
                                 "--max-chars", "1000"])
    assert result.exit_code == 1
    assert "long.txt: too large" in result.output
    result = runner.invoke(app, ["ingest", str(tmp_path / "long.txt"), "--db", db],
                           env={"BILATERAL_MAX_CHARS": "1000"})
    assert result.exit_code == 1 and "too large" in result.output
    result = runner.invoke(app, ["ingest", str(tmp_path / "long.txt"), "--db", db,
                                 "--max-chars", "0"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("value", ["ten", "-1"])
def test_a_wrong_setting_is_refused_by_name(monkeypatch, value):
    monkeypatch.setenv("BILATERAL_MAX_SECONDS", value)
    with pytest.raises(ValueError, match="BILATERAL_MAX_SECONDS"):
        Limits.from_env()
