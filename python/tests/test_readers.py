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
    frames = [x for kind, x in documented_reader(source_dir)(str(traced)) if kind == "frame"]
    meta = next(x for kind, x in documented_reader(source_dir)(str(traced)) if kind == "meta")
    people = meta["people"]
    assert t.meta["people"] == people and t.meta["frames"] == len(frames) and t.meta["complete"]
    assert len(t) == people * len(frames)  # one row per person and frame
    for dtype, column in ((np.float64, t.time), (np.uint32, t.person), (np.float32, t.x), (np.uint8, t.state)):
        assert column.dtype == dtype
    state = t.state.reshape(len(frames), people)
    xyz = np.stack([t.x, t.y, t.z], axis=1).reshape(len(frames), people, 3)
    for k, f in enumerate(frames):
        assert f["index"] == t.frames["index"][k] == t.frame[k * people]
        assert t.time[k * people] == f["index"] * meta["frame_interval_s"]
        assert f["safe"] == t.frames["safe"][k] and f["largest_queue"] == t.frames["largest_queue"][k]
        assert state[k].tolist() == f["state"]
        # Positions are stored in whole centimetres: the same up to float32's rounding.
        np.testing.assert_allclose(xyz[k].ravel(), np.array(f["xyz"]), rtol=0, atol=1e-4)
        assert t.person[k * people:(k + 1) * people].tolist() == list(range(people))
    # Somebody evacuated: at the end everyone who can be is safe (state 5).
    assert (state[-1] == 5).sum() == t.frames["safe"].iloc[-1]


def test_read_trace_keeps_every_nth_frame_and_chosen_states(traced):
    everything = drilltwin.read_trace(traced)
    people = everything.meta["people"]
    thinned = drilltwin.read_trace(traced, every=3)
    frames = everything.meta["frames"]
    assert len(thinned) == people * ((frames + 2) // 3)
    assert set(np.unique(thinned.frame)) == set(everything.frames["index"][::3])
    moving = drilltwin.read_trace(traced, states=["moving", 2])
    keep = (everything.state == 1) | (everything.state == 2)
    assert len(moving) == keep.sum() > 0
    assert np.array_equal(moving.x, everything.x[keep]) and np.array_equal(moving.person, everything.person[keep])
    df = moving.to_frame()
    assert list(df.columns) == ["time", "frame", "person", "x", "y", "z", "state"]
    assert len(everything.people) == people and len(everything.events) >= 1  # the alarm at least
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
