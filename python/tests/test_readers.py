"""read_trace against the documented pure-Python reader; read_results of runs, compares and sweeps,
with the swept parameters as typed columns."""
import json

import numpy as np
import pandas as pd
import pytest

import drilltwin
from docs_reader import documented_reader


@pytest.fixture(scope="module")
def traced(scenario, tmp_path_factory):
    out = tmp_path_factory.mktemp("trace") / "o"
    r = drilltwin.run(scenario("tower_day.yaml"), replications=2, out=out, trace=True, trace_interval=2.0)
    assert r.trace == str(out / "trace.bin")
    return out / "trace.bin"


def test_read_trace_gives_what_the_documented_reader_gives(traced, source_dir):
    t = drilltwin.read_trace(traced)
    records = list(documented_reader(source_dir)(str(traced)))
    frames = [x for kind, x in records if kind == "frame"]
    meta = next(x for kind, x in records if kind == "meta")
    people = meta["people"]
    assert t.meta["people"] == people and t.meta["frames"] == len(frames) and t.meta["complete"]
    assert t.state.shape == (len(frames), people) and t.xyz.shape == (len(frames), people, 3)
    assert t.xyz.dtype == np.float32 and t.state.dtype == np.uint8 and t.time.dtype == np.float64
    assert t.person.tolist() == list(range(people))
    for k, f in enumerate(frames):
        assert f["index"] == t.frame[k] == t.frames["index"][k]
        assert t.time[k] == f["index"] * meta["frame_interval_s"]
        assert f["safe"] == t.frames["safe"][k] and f["largest_queue"] == t.frames["largest_queue"][k]
        assert t.state[k].tolist() == f["state"]
        # Positions are stored in whole centimetres: the same up to float32's rounding.
        np.testing.assert_allclose(t.xyz[k].ravel(), np.array(f["xyz"]), rtol=0, atol=1e-4)
    assert np.array_equal(t.x, t.xyz[:, :, 0]) and np.array_equal(t.z, t.xyz[:, :, 2])
    # Every person safe (state 5) in the last frame is counted in its figures.
    assert (t.state[-1] == 5).sum() == t.frames["safe"].iloc[-1] > 0
    events = [x for kind, x in records if kind == "event"]
    assert len(t.events) == len(events) >= 1  # the alarm at least
    assert sorted(t.events["time"]) == sorted(e["t"] for e in events)


def test_read_trace_keeps_every_nth_frame_and_selects_states(traced):
    everything = drilltwin.read_trace(traced)
    frames = everything.meta["frames"]
    thinned = drilltwin.read_trace(traced, every=3)
    assert len(thinned.time) == (frames + 2) // 3  # frames 0, 3, 6, …
    assert np.array_equal(thinned.frame, everything.frame[::3])
    assert np.array_equal(thinned.xyz, everything.xyz[::3]) and np.array_equal(thinned.state, everything.state[::3])
    moving = everything.to_frame(states=["moving", 2])
    keep = (everything.state == 1) | (everything.state == 2)
    assert len(moving) == keep.sum() > 0
    assert list(moving.columns) == ["time", "frame", "person", "x", "y", "z", "state"]
    assert np.array_equal(moving["x"].to_numpy(), everything.x[keep])
    # Row-major: frame by frame, people in order within a frame.
    k, p = np.nonzero(keep)
    assert np.array_equal(moving["person"].to_numpy(), p) and np.array_equal(moving["time"].to_numpy(), everything.time[k])
    assert len(everything.to_frame()) == everything.state.size
    assert len(everything.people) == everything.meta["people"]
    assert everything.scene["buildings"] and len(everything.scene["nodes"]["x"]) > 0


def test_read_results_of_a_run(scenario, tmp_path):
    r = drilltwin.run(scenario("desk_mmc.yaml"), replications=4, out=tmp_path / "o")
    back = drilltwin.read_results(tmp_path / "o")
    assert back.points is None and back.meta["replications"] == 4
    assert back.summary.loc["dispatch.response_time_s", "n"] == r.summary.loc["dispatch.response_time_s", "n"]
    assert back.replications["replication"].tolist() == [0, 1, 2, 3]


def test_compare_gives_paired_differences(scenario, tmp_path):
    c = drilltwin.compare(scenario("desk_mmc.yaml"), {"staff.count": [2, 3]}, replications=6, out=tmp_path / "c")
    assert c.labels == ["2", "3"]
    assert list(c.summary.index.get_level_values("variant").unique()) == ["2", "3"]
    assert len(c.replications) == 12 and c.replications.columns[0] == "variant"
    k = "dispatch.response_time_s"
    row = c.comparison[(c.comparison.variant == "3") & (c.comparison.kpi == k)].iloc[0]
    # The paired difference over the same replications (common random numbers).
    diff = (c.variants["3"].replications[k] - c.variants["2"].replications[k]).mean()
    assert row["diff_mean"] == pytest.approx(diff, rel=1e-9)
    written = pd.read_csv(tmp_path / "c" / "comparison.csv", dtype={"variant": str})
    pd.testing.assert_frame_equal(written, c.comparison)


def test_sweep_results_have_typed_parameters(scenario, tmp_path, cli):
    s = drilltwin.sweep(scenario("staffing_sweep.yaml"), out=tmp_path / "s", replications=2, threads=2)
    assert s.parameters == ["staff.count", "incidents.service_time.mean"]
    assert len(s.points) == 12  # 4 staff counts × 3 service times
    # Numbers as numbers, durations in seconds: 30, 45 and 60 min are 1800, 2700 and 3600 s.
    assert s.points["staff.count"].dtype.kind == "f"
    assert sorted(s.points["staff.count"].unique()) == [2, 3, 4, 5]
    assert sorted(s.points["incidents.service_time.mean"].unique()) == [1800, 2700, 3600]
    nk = len(s.kpis)
    assert len(s.values) == 12 * 2 * nk and len(s.replications) == 24
    # The per-point statistics are those of the replications.
    k = "dispatch.response_time_s"
    means = s.values[s.values.kpi == k].groupby("point")["value"].mean()
    stats = s.summary[s.summary.kpi == k].set_index("point")["mean"]
    np.testing.assert_allclose(stats.to_numpy(), means.reindex(stats.index).to_numpy(), rtol=1e-12)
    # …and points.csv of the same sweep says the same.
    points_csv = pd.read_csv(tmp_path / "s" / "points.csv")
    np.testing.assert_allclose(points_csv[f"{k}.mean"].to_numpy(), stats.to_numpy(), rtol=1e-12)
    # The results view of results.sqlite has the same typed columns.
    import sqlite3
    con = sqlite3.connect(tmp_path / "s" / "results.sqlite")
    rows = con.execute('SELECT DISTINCT "incidents.service_time.mean", typeof("incidents.service_time.mean") '
                       'FROM results ORDER BY 1').fetchall()
    con.close()
    assert rows == [(1800.0, "real"), (2700.0, "real"), (3600.0, "real")]
    # A sweep resumed with more replications runs only the new ones and reads back the same way.
    more = drilltwin.sweep(scenario("staffing_sweep.yaml"), out=tmp_path / "s", replications=3, resume=True)
    assert len(more.replications) == 36


def test_optimize_answers(tmp_path):
    path = tmp_path / "opt.yaml"
    path.write_text("name: opt\n"
                    "run: {replications: 5, seed: 1}\n"
                    "incidents:\n"
                    "  arrivals: {rate_per_hour: 12}\n"
                    "  service_time: {dist: exponential, mean: 15 min}\n"
                    "staff: {count: 3}\n"
                    "targets:\n"
                    "  dispatch.within_15min_fraction: {at_least: 0.5}\n"
                    "optimize:\n"
                    "  variables:\n"
                    "    staff.count: {min: 3, max: 5}\n"
                    "  minimize: {kpi: dispatch.response_time_s}\n")
    o = drilltwin.optimize(path, out=tmp_path / "o", threads=2)
    assert isinstance(o.answer, dict) and "candidates" in o.answer
    summary = json.loads((tmp_path / "o" / "summary.json").read_text())
    assert summary["optimize"] == o.answer
    assert o.parameters == ["staff.count"] and sorted(o.points["staff.count"]) == [3, 4, 5]


def test_a_results_file_written_before_point_values_still_resumes_and_reads(scenario, tmp_path):
    import sqlite3
    drilltwin.sweep(scenario("staffing_sweep.yaml"), out=tmp_path / "s", replications=1)
    # As an older drilltwin wrote it: no point_values, the four-column results view.
    con = sqlite3.connect(tmp_path / "s" / "results.sqlite")
    con.executescript("DROP VIEW results; DROP TABLE point_values; CREATE VIEW results AS "
                      "SELECT p.label AS point, v.replication, k.name AS kpi, v.value "
                      "FROM kpi_values v JOIN points p ON p.id = v.point JOIN kpis k ON k.id = v.kpi;")
    con.close()
    old = drilltwin.sweep(scenario("staffing_sweep.yaml"), out=tmp_path / "s", replications=2, resume=True)
    assert len(old.replications) == 24
    assert old.points["staff.count"].dtype.kind in "if"  # plain numbers still read as numbers
    assert sorted(old.points["staff.count"].unique()) == [2, 3, 4, 5]
    assert sorted(old.points["incidents.service_time.mean"].unique()) == ["30 min", "45 min", "60 min"]  # text


def test_plan_returns_plan_json_and_matches_the_command_line(source_dir, cli, tmp_path):
    # The two-stair block of tests/jobs/data/plan_two_stairs.yaml, whose best assignment is worked
    # by hand in tests/jobs/plan_job_test.cpp: the large low group on the wide stair S2.
    path = source_dir / "tests" / "jobs" / "data" / "plan_two_stairs.yaml"
    p = drilltwin.plan(path, out=tmp_path / "py", threads=2)
    assert p["choices"] == {"stairs": "S2/S1"}
    assert p["comparison"][0]["kpi"] == "evacuation.total_time_s"
    assert p["comparison"][0]["difference"]["significant"] is True
    cli("plan", path, "--out", tmp_path / "cli", "--threads", "1")
    on_disk = json.loads((tmp_path / "cli" / "plan.json").read_text())
    for key in ("chosen", "choices", "comparison", "screened", "tasks", "buildings"):
        assert on_disk[key] == p[key], key
