"""drilltwin.run: the command line's job in-process, its KPIs as DataFrames, identical to the CLI."""
import csv
import json
import math
import threading
import time

import numpy as np
import pandas as pd
import pytest

import drilltwin


def test_run_gives_summary_and_replications_as_dataframes(scenario):
    r = drilltwin.run(scenario("desk_mmc.yaml"), replications=20)
    assert isinstance(r.summary, pd.DataFrame) and isinstance(r.replications, pd.DataFrame)
    assert r.replications_run == 20 and len(r.replications) == 20
    assert list(r.replications.columns) == list(r.summary.index)
    assert list(r.summary.columns) == ["unit", "n", "mean", "stddev", "ci95_low", "ci95_high", "min", "p50", "p90",
                                       "p95", "max"]
    k = "dispatch.response_time_s"
    x = r.replications[k].to_numpy()
    s = r.summary.loc[k]
    assert s["n"] == 20
    # The statistics of the replication column by their textbook definitions: the sample mean, the
    # sample standard deviation (n - 1), the Student-t interval with t(0.975, 19) = 2.093024 (tables),
    # the type-7 quantiles (numpy's default).
    assert s["mean"] == pytest.approx(x.mean(), rel=1e-12)
    assert s["stddev"] == pytest.approx(x.std(ddof=1), rel=1e-12)
    half = 2.093024 * x.std(ddof=1) / math.sqrt(20)
    assert s["ci95_low"] == pytest.approx(x.mean() - half, rel=1e-6)
    assert s["ci95_high"] == pytest.approx(x.mean() + half, rel=1e-6)
    assert s["p50"] == pytest.approx(np.quantile(x, 0.5), rel=1e-12)
    assert s["p95"] == pytest.approx(np.quantile(x, 0.95), rel=1e-12)
    assert s["min"] == x.min() and s["max"] == x.max()


def test_results_are_identical_to_the_command_line_for_the_same_seed(scenario, cli, tmp_path):
    cli("run", scenario("desk_mmc.yaml"), "-r", "12", "--seed", "4242", "--out", tmp_path / "cli", "-q")
    r = drilltwin.run(scenario("desk_mmc.yaml"), replications=12, seed=4242, threads=1)
    summary = json.loads((tmp_path / "cli" / "summary.json").read_text())
    assert summary["seed"] == 4242 and summary["replications"] == 12
    assert list(summary["kpis"]) == list(r.summary.index)
    for kpi, stats in summary["kpis"].items():
        for field in ("n", "mean", "stddev", "ci95_low", "ci95_high", "min", "p50", "p90", "p95", "max"):
            cli_value, py_value = stats[field], r.summary.loc[kpi, field]
            if cli_value is None:  # undefined: null in JSON
                assert math.isnan(py_value), (kpi, field)
            else:
                assert cli_value == py_value, (kpi, field, cli_value, py_value)  # exact, not approximate
    with open(tmp_path / "cli" / "replications.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 12
    for i, row in enumerate(rows):
        assert int(row["replication"]) == i
        for kpi in r.replications.columns:
            value = r.replications.loc[i, kpi]
            if row[kpi] == "":
                assert math.isnan(value), (i, kpi)
            else:
                assert float(row[kpi]) == value, (i, kpi)  # the CSV's shortest round-trip text


def test_results_do_not_depend_on_the_thread_count(scenario):
    a = drilltwin.run(scenario("desk_mmc.yaml"), replications=8, threads=1)
    b = drilltwin.run(scenario("desk_mmc.yaml"), replications=8, threads=2)
    assert a.replications.equals(b.replications)


def test_overrides_and_the_seed_change_the_run(scenario):
    base = drilltwin.run(scenario("desk_mmc.yaml"), replications=4, seed=1)
    other_seed = drilltwin.run(scenario("desk_mmc.yaml"), replications=4, seed=2)
    assert not base.replications.equals(other_seed.replications)
    # The same override written as a dict and as --set text gives the same run.
    a = drilltwin.run(scenario("desk_mmc.yaml"), replications=4, seed=1, set={"run.seed": 2})
    b = drilltwin.run(scenario("desk_mmc.yaml"), replications=4, set=["run.seed=2"])
    assert a.seed == 1  # the seed argument wins over the override, as --seed over --set
    assert b.seed == 2 and b.replications.equals(other_seed.replications)


def test_run_writes_the_command_lines_files_only_when_asked(scenario, tmp_path):
    r = drilltwin.run(scenario("desk_mmc.yaml"), replications=3, out=tmp_path / "o")
    for name in ("summary.json", "replications.csv", "report.html"):
        assert (tmp_path / "o" / name).exists()
    assert r.headline  # what the run found, as summary.json says it
    back = drilltwin.read_results(tmp_path / "o")
    assert back.summary.loc["dispatch.response_time_s", "mean"] == r.summary.loc["dispatch.response_time_s", "mean"]
    assert back.replications["dispatch.response_time_s"].tolist() == r.replications["dispatch.response_time_s"].tolist()
    assert back.headline == r.headline


def test_the_engine_runs_with_the_gil_released(scenario):
    """While a run is in the engine, another Python thread keeps running."""
    done = threading.Event()
    result = {}

    def job():
        result["r"] = drilltwin.run(scenario("desk_mmc.yaml"), replications=20000, threads=1)
        done.set()

    worker = threading.Thread(target=job)
    started = time.perf_counter()
    worker.start()
    spins = 0
    while not done.is_set():
        spins += 1
        time.sleep(0.001)
    worker.join()
    elapsed = time.perf_counter() - started
    assert result["r"].replications_run == 20000
    # The job took long enough to notice, and the main thread kept waking up every millisecond or
    # so (hundreds of times); with the GIL held by the engine it would have been blocked for the
    # whole run and counted once or twice.
    assert elapsed > 0.2
    assert spins > 20, (spins, elapsed)


def test_targets_are_judged(scenario):
    r = drilltwin.run(scenario("desk_mmc.yaml"), replications=5)
    assert set(r.targets.columns) >= {"kpi", "sense", "value", "status"}
    assert set(r.targets["status"]) <= {"green", "amber", "red", "none"}


def test_validate_reports_the_scenario(scenario):
    v = drilltwin.validate(scenario("desk_mmc.yaml"))
    assert v["scenario"] == "desk_mmc" and v["replications"] >= 1


def test_ctrl_c_stops_a_running_job(scenario, tmp_path):
    """SIGINT while the engine runs: the job's cancel flag is raised, it stops and writes nothing,
    and KeyboardInterrupt reaches Python."""
    import os
    import signal
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        # 2 million × about 26 µs: close to a minute, were it not stopped.
        drilltwin.run(scenario("desk_mmc.yaml"), replications=2_000_000, threads=1, out=tmp_path / "o")
    timer.join()
    assert time.perf_counter() - started < 15
    assert not (tmp_path / "o").exists()
