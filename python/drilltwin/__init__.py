"""drilltwin from Python: run the engine's jobs in-process and get KPIs as pandas DataFrames,
read results directories and traces fast (docs/python.md).

    import drilltwin
    r = drilltwin.run("scenarios/desk_mmc.yaml", replications=20)
    r.summary                   # one row per KPI: n, mean, stddev, ci95_low, ci95_high, min, p50, p90, p95, max
    r.replications              # one row per replication, one column per KPI

The jobs are the command line's own (engine/jobs/): the same scenario, seed and replications give
the same numbers, bit for bit, as `drilltwin run`. The engine runs with the GIL released; Ctrl-C
stops it. Errors in a scenario raise InputError with .file, .line, .column and .message.
"""

import json
import os
import sqlite3
import tempfile

import numpy as np
import pandas as pd

from . import _drilltwin
from ._drilltwin import InputError, JobError, TraceError

__all__ = [
    "run", "compare", "sweep", "optimize", "plan", "validate", "read_results", "read_trace", "set_language",
    "language", "InputError", "JobError", "TraceError", "RunResult", "CompareResult", "Results", "Trace",
    "STATES",
]
__version__ = _drilltwin.__version__

#: Person states in a trace (docs/formats.md, "trace.bin").
STATES = {0: "waiting", 1: "moving", 2: "queuing", 3: "awaiting_assistance", 4: "assisted", 5: "safe", 6: "stranded",
          7: "not_alerted"}  # 7: trace format 2 (docs/formats.md)

_STAT_COLUMNS = ["n", "mean", "stddev", "ci95_low", "ci95_high", "min", "p50", "p90", "p95", "max"]


def set_language(code):
    """Language of error messages and headlines: "en" or "zh-CN" (default: $DRILLTWIN_LANG, else en)."""
    _drilltwin.set_language(code)


def language():
    return _drilltwin.language()


def _yaml_value(value):
    """A Python value as the YAML text of a --set override."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return repr(value.item() if hasattr(value, "item") else value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value)  # JSON is YAML flow style
    return str(value)


def _overrides(set):
    """{"staff.count": 4} or ["staff.count=4"] -> ["staff.count=4"]."""
    if set is None:
        return []
    if isinstance(set, dict):
        return [f"{key}={_yaml_value(value)}" for key, value in set.items()]
    if isinstance(set, str):
        return [set]
    return [str(s) for s in set]


def _path(p):
    return os.fspath(p)


def _kpi_frame(kpis):
    return pd.DataFrame(kpis).set_index("name")


def _summary_frame(table):
    names = [k["name"] for k in table["kpis"]]
    summary = pd.DataFrame(table["summary"], index=pd.Index(names, name="kpi"))[_STAT_COLUMNS]
    summary["n"] = summary["n"].astype("int64")
    summary.insert(0, "unit", [k["unit"] for k in table["kpis"]])
    return summary


def _replications_frame(table):
    names = [k["name"] for k in table["kpis"]]
    frame = pd.DataFrame(table["values"], columns=names)
    frame.index.name = "replication"
    return frame


def _targets_frame(targets):
    columns = ["kpi", "sense", "value", "on", "confident", "statistic", "status"]
    return pd.DataFrame(targets, columns=columns)


class RunResult:
    """What `run` gives back.

    summary       DataFrame, one row per KPI (index: KPI name): unit, n, mean, stddev, ci95_low,
                  ci95_high, min, p50, p90, p95, max — summary.json's statistics
    replications  DataFrame, one row per replication (index 0..N-1), one column per KPI (NaN: undefined)
    kpis          DataFrame of the KPIs' unit, description and range
    targets       DataFrame of the scenario's targets judged on this run (status green/amber/red/none)
    headline      list of sentences: what the run found (when out= was given, as summary.json has it)
    scenario, seed, replications_run, threads, seconds, out, trace (path of trace.bin or None)
    """

    def __init__(self, d):
        self._d = d
        self.summary = _summary_frame(d)
        self.replications = _replications_frame(d)
        self.kpis = _kpi_frame(d["kpis"])
        self.targets = _targets_frame(d["targets"])
        self.headline = list(d.get("headline", []))
        self.scenario = d["scenario"]
        self.seed = d["seed"]
        self.replications_run = d["replications"]
        self.threads = d["threads"]
        self.seconds = d["seconds"]
        self.out = d.get("out") or None
        self.trace = d.get("trace")

    def __repr__(self):
        return (f"<drilltwin.RunResult {self.scenario}: {self.replications_run} replications, seed {self.seed}, "
                f"{len(self.summary)} KPIs>")


def run(path, replications=None, seed=None, threads=None, set=None, out=None, trace=False,
        trace_replication=0, trace_interval=1.0):
    """Runs a scenario's replications in this process, as `drilltwin run` does.

    replications, seed, threads  override run.replications, run.seed, run.threads
    set    overrides, {"staff.count": 4} or ["staff.count=4"] (as --set KEY=VALUE)
    out    a directory to write summary.json, replications.csv and report.html into (default: none)
    trace  also write out/trace.bin (replication trace_replication, a frame every trace_interval s)
    """
    d = _drilltwin.run(_path(path), replications=replications, seed=seed, threads=threads,
                       overrides=_overrides(set), out=_path(out) if out is not None else "", trace=trace,
                       trace_replication=trace_replication, trace_interval=trace_interval)
    return RunResult(d)


class CompareResult:
    """What `compare` gives back.

    variants      dict label -> RunResult-like view (summary, replications) per variant, in order
    summary       DataFrame indexed by (variant, kpi): the statistics of every variant
    replications  DataFrame with a leading `variant` column, as replications.csv
    comparison    DataFrame as comparison.csv: each variant's mean and CI and the paired difference
                  to the first variant (diff_mean, diff_ci95_low, diff_ci95_high, significant)
    """

    def __init__(self, d):
        import io
        self.vary = d["vary"]
        self.labels = list(d["labels"])
        self.variants = {}
        summaries, reps = [], []
        for label, table in zip(self.labels, d["variants"]):
            table = dict(table, scenario=d["scenario"], seed=d["seed"], replications=d["replications"],
                         threads=d["threads"], seconds=d["seconds"])
            result = RunResult(table)
            self.variants[label] = result
            summaries.append(result.summary.assign(variant=label).reset_index())
            reps.append(result.replications.reset_index().assign(variant=label))
        self.summary = pd.concat(summaries).set_index(["variant", "kpi"])
        replications = pd.concat(reps, ignore_index=True)
        self.replications = replications[["variant"] + [c for c in replications.columns if c != "variant"]]
        self.comparison = pd.read_csv(io.StringIO(d["comparison_csv"]), keep_default_na=True,
                                      dtype={"variant": str})
        self.scenario = d["scenario"]
        self.seed = d["seed"]
        self.threads = d["threads"]
        self.seconds = d["seconds"]
        self.out = d.get("out") or None

    def __repr__(self):
        return f"<drilltwin.CompareResult {self.scenario}: {self.vary} = {', '.join(self.labels)}>"


def compare(path, vary, replications=None, seed=None, threads=None, set=None, out=None):
    """Runs variants of a scenario that differ in one value on common random numbers, as
    `drilltwin compare FILE --vary KEY=V1,V2` does. `vary` is "KEY=V1,V2" or {"KEY": [V1, V2]}."""
    if isinstance(vary, dict):
        if len(vary) != 1:
            raise ValueError(_drilltwin._say("vary_one_key", str(len(vary))))
        (key, values), = vary.items()
        vary = f"{key}=" + ",".join(_yaml_value(v) for v in values)
    d = _drilltwin.compare(_path(path), vary, replications=replications, seed=seed, threads=threads,
                           overrides=_overrides(set), out=_path(out) if out is not None else "")
    return CompareResult(d)


def _fresh_dir(prefix):
    return tempfile.mkdtemp(prefix=f"drilltwin-{prefix}-")


def sweep(path, out=None, replications=None, threads=None, set=None, resume=False):
    """Runs every point of a scenario's sweep: section, as `drilltwin sweep` does, and returns
    read_results(out) (with `.headline`). Without `out`, a new temporary directory (its path is
    `.dir`); results.sqlite there is the sweep's state: resume=True continues it."""
    out = _path(out) if out is not None else _fresh_dir("sweep")
    d = _drilltwin.sweep(_path(path), out, replications=replications, threads=threads,
                         overrides=_overrides(set), resume=resume)
    results = read_results(out)
    results.headline = list(d["headline"])
    results.seconds = d["seconds"]
    return results


def optimize(path, out=None, threads=None, set=None, resume=False):
    """Searches an `optimize:` section for the cheapest candidate that meets every target, as
    `drilltwin optimize` does. Returns read_results(out) with `.answer` (summary.json's "optimize"
    block as a dict) and `.headline`."""
    out = _path(out) if out is not None else _fresh_dir("optimize")
    d = _drilltwin.optimize(_path(path), out, threads=threads, overrides=_overrides(set), resume=resume)
    results = read_results(out)
    results.answer = json.loads(d["answer_json"])
    results.headline = list(d["headline"])
    results.seconds = d["seconds"]
    return results


def plan(path, out=None, threads=None, set=None):
    """Generates an emergency response plan from a scenario's `plan:` section, as `drilltwin plan`
    does (docs/planning.md). Returns plan.json as a dict (with "headline"), its finalists'
    selection readable with read_results(out + "/selection")."""
    out = _path(out) if out is not None else _fresh_dir("plan")
    d = _drilltwin.plan(_path(path), out, threads=threads, overrides=_overrides(set))
    answer = json.loads(d["plan_json"])
    answer["seconds"] = d["seconds"]
    answer["out"] = out
    return answer


def validate(path, set=None):
    """Checks a scenario as `drilltwin validate` does (site included); raises InputError, else
    returns {"scenario", "description", "replications", "seed"}."""
    return dict(_drilltwin.validate(_path(path), overrides=_overrides(set)))


# --- results directories ------------------------------------------------------------------------

class Results:
    """A results directory (docs/formats.md), read with `read_results`. What the directory lacks is None.

    summary       run/compare: summary.json's KPIs as a DataFrame (index: KPI; compare: the first variant);
                  sweep/optimize: one row per point and KPI (point, the swept parameters, kpi, n, mean, …)
    replications  run/compare: replications.csv; sweep/optimize: one row per point and replication,
                  one column per KPI, with the point's parameters
    values        sweep/optimize: results.sqlite's values in long form (point, parameters, replication, kpi, value)
    points        sweep/optimize: one row per point: label and each parameter typed (numbers as numbers,
                  durations in seconds; text where a value is not a number)
    parameters    the swept keys, in order
    kpis          the KPIs (unit, description)
    meta          summary.json as a dict (or results.sqlite's description)
    """

    def __init__(self, directory):
        self.dir = directory
        self.summary = self.replications = self.values = self.points = self.kpis = None
        self.parameters = []
        self.meta = None
        self.headline = []
        summary_path = os.path.join(directory, "summary.json")
        if os.path.exists(summary_path):
            with open(summary_path, encoding="utf-8") as f:
                self.meta = json.load(f)
            headline = self.meta.get("headline")
            if isinstance(headline, dict) and isinstance(headline.get("text"), list):
                self.headline = headline["text"]
        db_path = os.path.join(directory, "results.sqlite")
        if os.path.exists(db_path):
            self._read_db(db_path)
        else:
            if self.meta is not None and isinstance(self.meta.get("kpis"), dict):
                frame = pd.DataFrame.from_dict(self.meta["kpis"], orient="index")
                frame.index.name = "kpi"
                self.summary = frame
            reps = os.path.join(directory, "replications.csv")
            if os.path.exists(reps):
                self.replications = pd.read_csv(reps)
        if self.summary is None and self.replications is None and self.values is None:
            raise FileNotFoundError(_drilltwin._say("no_results", directory))

    def _read_db(self, db_path):
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            self.parameters = json.loads(con.execute("SELECT parameters FROM sweep").fetchone()[0])
            self.kpis = pd.read_sql("SELECT id, name, unit, description FROM kpis ORDER BY id", con).set_index("name")
            points = pd.read_sql("SELECT id AS point, label FROM points ORDER BY id", con)
            settings = pd.read_sql("SELECT point, parameter, value FROM point_settings", con)
            has_values = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'point_values'").fetchone()
            numbers = (pd.read_sql("SELECT point, parameter, number FROM point_values", con) if has_values
                       else pd.DataFrame(columns=["point", "parameter", "number"]))
            for param in self.parameters:
                text = settings[settings.parameter == param].set_index("point")["value"]
                number = numbers[numbers.parameter == param].set_index("point")["number"]
                number = pd.to_numeric(number, errors="coerce").reindex(points.point)
                plain = pd.to_numeric(text, errors="coerce").reindex(points.point)
                if len(number) and number.notna().all():
                    points[param] = number.to_numpy()  # every value a number: a numeric column
                elif not has_values and len(plain) and plain.notna().all():
                    points[param] = plain.to_numpy()  # an older file: plain numbers as numbers
                else:
                    points[param] = text.reindex(points.point).to_numpy()
            self.points = points
            values = pd.read_sql("SELECT point, replication, kpi, value FROM kpi_values ORDER BY point, replication, kpi",
                                 con)
            names = self.kpis.reset_index().set_index("id")["name"]
            values["kpi"] = pd.Categorical(names.reindex(values["kpi"]).to_numpy(), categories=list(names))
            keyed = points.drop(columns=["label"])
            self.values = values.merge(keyed, on="point", how="left")[
                ["point"] + self.parameters + ["replication", "kpi", "value"]]
            wide = values.pivot(index=["point", "replication"], columns="kpi", values="value")
            wide.columns = [str(c) for c in wide.columns]
            wide = wide.reset_index().merge(keyed, on="point", how="left")
            self.replications = wide[["point"] + self.parameters + ["replication"] + list(names)]
            stats = pd.read_sql("SELECT * FROM point_stats ORDER BY point, kpi", con)
            if len(stats):
                stats["kpi"] = names.reindex(stats["kpi"]).to_numpy()
                self.summary = stats.merge(keyed, on="point", how="left")[
                    ["point"] + self.parameters + ["kpi"] + _STAT_COLUMNS]
        finally:
            con.close()

    def __repr__(self):
        kind = "sweep" if self.points is not None else "run"
        return f"<drilltwin.Results {kind} in {self.dir}>"


def read_results(directory):
    """Reads a results directory of run, compare, sweep, merge or optimize into DataFrames (Results)."""
    return Results(_path(directory))


# --- traces -------------------------------------------------------------------------------------

class Trace:
    """A trace.bin read by `read_trace` (C++; numpy arrays, no Python object per record).

    Dense arrays over the kept frames (rows) and the people (columns):
      time    (frames,) float64: each kept frame's time [s]
      frame   (frames,) uint32: its index in the file
      person  (people,) uint32: 0 … people-1
      xyz     (frames, people, 3) float32 [m]; x, y, z are its three views (frames, people)
      state   (frames, people) uint8: STATES (5 = safe)
    frames   DataFrame of every frame in the file: index, time, safe, largest_queue, queue_node
    events   DataFrame: time, kind, subject, x, y, z, value, text
    people   DataFrame per person: kind (0 resident, 1 staff), class (0 adult, 1 aged 60+, 2 child,
             3 needs assistance, 255 unknown)
    scene    dict: name, site outline, buildings (id, outline, floors), nodes (x, y, z, kind, label)
    meta     dict: scenario, seed, replication, frame_interval_s, people, frames, complete, …
    Select with masks: `moving = np.isin(t.state, [1, 2])`; `t.x[moving]`, `t.y[moving]`.
    """

    def __init__(self, d):
        self.time = d["time"]
        self.frame = d["frame"]
        self.xyz = d["xyz"]
        self.state = d["state"]
        self.person = np.arange(self.state.shape[1], dtype=np.uint32)
        self.x, self.y, self.z = self.xyz[:, :, 0], self.xyz[:, :, 1], self.xyz[:, :, 2]
        self.frames = pd.DataFrame(d["frames"])
        self.events = pd.DataFrame(d["events"])
        self.people = pd.DataFrame(d["people"])
        self.people.index.name = "person"
        self.scene = d["scene"]
        self.meta = d["meta"]

    def to_frame(self, states=None):
        """Long form, one row per person and kept frame (only those in `states`, numbers or names of
        STATES, when given): a DataFrame with time, frame, person, x, y, z, state."""
        shape = self.state.shape
        mask = np.ones(shape, dtype=bool) if states is None else np.isin(self.state, _state_codes(states))
        return pd.DataFrame({
            "time": np.broadcast_to(self.time[:, None], shape)[mask],
            "frame": np.broadcast_to(self.frame[:, None], shape)[mask],
            "person": np.broadcast_to(self.person[None, :], shape)[mask],
            "x": self.x[mask], "y": self.y[mask], "z": self.z[mask], "state": self.state[mask]})

    def __repr__(self):
        return (f"<drilltwin.Trace {self.meta['scenario']}: {self.meta['people']} people, "
                f"{len(self.time)} of {self.meta['frames']} frames>")


def _state_codes(states):
    by_name = {v: k for k, v in STATES.items()}
    return [by_name[s] if isinstance(s, str) else int(s) for s in states]


def read_trace(path, every=1):
    """Reads trace.bin (docs/formats.md) into numpy arrays: frames 0, every, 2·every, … with every
    person's position and state (Trace). Raises TraceError for a file that is not a trace."""
    return Trace(_drilltwin.read_trace(_path(path), every=every))
