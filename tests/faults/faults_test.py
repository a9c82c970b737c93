#!/usr/bin/env python3
"""Fault injection against the real drilltwin executable (issue 13).

Each case provokes one failure a hostile user or a broken machine produces: a full disk, a database
locked by another process, a damaged results.sqlite, Ctrl-C (also under mpirun), an output directory
that is a mount point, a replication count beyond memory. A case passes when drilltwin ends with the
documented exit status and message and leaves a consistent output directory.

    faults_test.py --drilltwin build/bin/drilltwin --source . CASE
    faults_test.py --list

Exit status: 0 pass, 1 fail, 77 skipped (the machine cannot provoke the fault, e.g. no mount).
"""
import argparse
import json
import os
import resource
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77


class Fail(Exception):
    pass


class Skip(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


class Env:
    def __init__(self, drilltwin, source, tmp):
        self.drilltwin = drilltwin
        self.source = source
        self.tmp = tmp

    def scenario(self, name):
        return os.path.join(self.source, "scenarios", name)

    def run(self, *args, preexec=None, timeout=300):
        p = subprocess.run([self.drilltwin, *args], cwd=self.tmp, capture_output=True, text=True,
                           preexec_fn=preexec, timeout=timeout)
        return p.returncode, p.stdout, p.stderr

    def start(self, *args, prefix=(), **kw):
        return subprocess.Popen([*prefix, self.drilltwin, *args], cwd=self.tmp, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, **kw)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)


def read_until(p, words, timeout=60):
    """Reads p's stderr up to the line holding `words` (the sweep's start line) and returns what it read.

    Signalling a job as soon as it has started, rather than after a fixed sleep, keeps a case
    independent of the machine's speed: a small sweep ends within a second on a fast machine."""
    got = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = p.stderr.readline()
        if not line:
            break
        got.append(line)
        if words in line:
            return "".join(got)
    raise Fail(f"no line with '{words}' on stderr:\n{''.join(got)}")


def no_crash(status, err):
    """An orderly end: not a signal, not abort(), not a C++ terminate."""
    check(status in (0, 1, 2), f"exit status {status} (a crash?); stderr:\n{err}")
    for words in ("terminate called", "double free", "Aborted", "corruption", "Segmentation"):
        check(words not in err, f"'{words}' in stderr:\n{err}")


def sql(db, script):
    c = sqlite3.connect(db)
    c.executescript(script)
    c.commit()
    c.close()


def stored_runs(db):
    c = sqlite3.connect(db)
    rows = c.execute("SELECT status FROM runs ORDER BY id").fetchall()
    c.close()
    return [r[0] for r in rows]


def continue_command(err):
    lines = [ln for ln in err.splitlines() if "Continue with: " in ln or "run them here: " in ln]
    check(lines, f"no resume hint in:\n{err}")
    text = lines[-1].split(": ", 1)[1] if "Continue with: " in lines[-1] else lines[-1].split("run them here: ", 1)[1]
    words = shlex.split(text)
    check(words[:2] == ["drilltwin", "sweep"], f"hint is not a sweep command: {text}")
    return words[1:]


def can_mount():
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = tempfile.mkdtemp(prefix="mount-probe-")
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], capture_output=True).returncode == 0
    if ok:
        subprocess.run(["umount", probe])
    os.rmdir(probe)
    return ok


class Tmpfs:
    def __init__(self, path, size):
        self.path, self.size = path, size

    def __enter__(self):
        os.makedirs(self.path, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size}", "tmpfs", self.path], check=True)
        return self.path

    def __exit__(self, *exc):
        subprocess.run(["umount", "-l", self.path])


def limit_file_size(nbytes):
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
    return pre


def partial_sweep(env, out, *extra):
    """Half of a small staffing sweep (shard 1/2): a results.sqlite a resume can continue."""
    status, _, err = env.run("sweep", env.scenario("staffing_sweep.yaml"), "-r", "4", "--shard", "1/2", "--out", out,
                             "-q", *extra)
    check(status == 0, f"shard run failed ({status}):\n{err}")
    return os.path.join(env.tmp, out, "results.sqlite")


# --- the cases ---------------------------------------------------------------------------------

def case_sweep_full_disk(env):
    """Item 1: --out on a 200 KB file system (tmpfs, else a 200 KB file-size limit)."""
    args = ["sweep", env.scenario("staffing_sweep.yaml"), "-r", "200", "-q"]
    if can_mount():
        with Tmpfs(env.path("small"), "200k") as mnt:
            status, _, err = env.run(*args, "--out", os.path.join(mnt, "o"))
    else:
        status, _, err = env.run(*args, "--out", "o", preexec=limit_file_size(200 * 1024))
    no_crash(status, err)
    check(status == 1, f"exit {status}, expected 1:\n{err}")
    check("cannot keep results in" in err and "Continue with: " in err, f"message:\n{err}")


def case_sweep_locked_database(env):
    """Item 1: while a sweep runs, another process holds the write lock for 15 s (drilltwin waits 10 s)."""
    p = env.start("sweep", env.scenario("staffing_sweep.yaml"), "-r", "200000", "--out", "o", "-q")
    db = env.path("o", "results.sqlite")
    deadline = time.time() + 60
    while time.time() < deadline and not (os.path.exists(db) and stored_runs(db)):
        time.sleep(0.1)
    time.sleep(0.5)
    c = sqlite3.connect(db, isolation_level=None, timeout=30, check_same_thread=False)
    c.execute("BEGIN IMMEDIATE")
    release = threading.Timer(15.0, lambda: (c.execute("ROLLBACK"), c.close()))
    release.start()
    try:
        _, err = p.communicate(timeout=120)
    finally:
        release.join()
    no_crash(p.returncode, err)
    check(p.returncode == 1 and "locked" in err and "Continue with: " in err, f"exit {p.returncode}:\n{err}")
    check(stored_runs(db) == ["failed"], f"runs: {stored_runs(db)}")


DAMAGE = [
    ("a replication with index -5", "INSERT INTO replications VALUES (0, -5, 'done', 1);", "replication '-5'"),
    ("a replication with index -1", "INSERT INTO replications VALUES (0, -1, 'done', 1);", "replication '-1'"),
    ("text as a KPI value", "UPDATE kpi_values SET value = 'abc' WHERE point = 0 AND replication = 0 AND kpi = 0;",
     "is not a number"),
    ("a row deleted from replications",
     "DELETE FROM replications WHERE point = 0 AND replication = 0;", "replications table does not list"),
    ("the series table dropped", "DROP TABLE series;", "table 'series' is missing"),
    ("another schema version", "UPDATE meta SET value = '9' WHERE key = 'schema_version';", "schema_version 9"),
    ("another seed", "UPDATE sweep SET seed = 1;", "seed 1"),
    ("another fingerprint", "UPDATE sweep SET fingerprint = '0000000000000000';", "another sweep"),
]


def case_sweep_damaged_database(env):
    """Item 2: each damage gives exit 1 or 2 with the file's path and what is wrong."""
    for what, edit, expect in DAMAGE:
        out = "d-" + what.replace(" ", "-")
        db = partial_sweep(env, out)
        sql(db, edit)
        status, _, err = env.run("sweep", env.scenario("staffing_sweep.yaml"), "--resume", "--out", out, "-q")
        no_crash(status, err)
        check(status in (1, 2), f"{what}: exit {status}:\n{err}")
        check(expect in err and "results.sqlite" in err, f"{what}: message lacks '{expect}' or the path:\n{err}")
        status, _, err = env.run("merge", out, "--out", "m-" + out, "-q")
        no_crash(status, err)
        check(status in (1, 2) and "results.sqlite" in err, f"merge of {what}: exit {status}:\n{err}")


def case_resume_hint(env):
    """Item 3: the hint after Ctrl-C carries -r and --set; resume never shrinks a sweep."""
    p = env.start("sweep", env.scenario("staffing_sweep.yaml"), "-r", "200000", "--set",
                  "incidents.service_time.max=5 h", "--out", "o")
    head = read_until(p, " to run")
    time.sleep(0.3)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    err = head + err
    no_crash(p.returncode, err)
    check(p.returncode == 1, f"Ctrl-C: exit {p.returncode}:\n{err}")
    hint = continue_command(err)
    check("--replications" in hint and hint[hint.index("--replications") + 1] == "200000", f"hint lacks -r 200000: {hint}")
    check("--set" in hint and hint[hint.index("--set") + 1] == "incidents.service_time.max=5 h", f"hint lacks --set: {hint}")
    # The printed command continues the sweep (interrupted again: exit 1, not refused: exit 2).
    p = env.start(*hint)
    head = read_until(p, " to run")
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    err = head + err
    check(p.returncode == 1 and "interrupted" in err, f"the printed command: exit {p.returncode}:\n{err}")
    c = sqlite3.connect(env.path("o", "results.sqlite"))
    stored = c.execute("SELECT replications FROM sweep").fetchone()[0]
    c.close()
    check(stored == 200000, f"stored replication count changed to {stored}")
    shrink = list(hint)
    shrink[shrink.index("--replications") + 1] = "100"
    status, _, err = env.run(*shrink)
    check(status == 2 and "cannot shrink" in err, f"a shrinking resume: exit {status}:\n{err}")


def case_merge_hint(env):
    """Item 3: merge's hint for missing shards carries the sweep's flags, and works."""
    args = ["sweep", env.scenario("staffing_sweep.yaml"), "-r", "3", "--set", "incidents.service_time.max=5 h", "-q"]
    status, _, err = env.run(*args, "--shard", "1/2", "--out", "s1")
    check(status == 0, f"shard: {err}")
    status, _, err = env.run("merge", "s1", "--out", "m", "-q")
    check(status == 1, f"merge with a shard missing: exit {status}:\n{err}")
    hint = continue_command(err)
    status, _, err = env.run(*hint, "-q")
    check(status == 0, f"the printed command: exit {status}:\n{err}\n{hint}")
    check(os.path.exists(env.path("m", "summary.json")), "no summary.json after the printed command")


def case_run_out_mount_point(env):
    """Item 4: --out is the root of a file system (a Docker volume, an NFS root)."""
    if not can_mount():
        raise Skip("mounting a tmpfs is not permitted here")
    with Tmpfs(env.path("volume"), "20m") as mnt:
        status, _, err = env.run("run", env.scenario("desk_mmc.yaml"), "-r", "3", "--out", mnt, "-q")
        check(status == 0, f"exit {status}:\n{err}")
        for f in ("summary.json", "report.html", "replications.csv", "manifest.json"):
            check(os.path.exists(os.path.join(mnt, f)), f"{f} missing")
        status, _, err = env.run("sweep", env.scenario("staffing_sweep.yaml"), "-r", "2", "--out", mnt, "-q")
        check(status == 0, f"sweep onto the mount point: exit {status}:\n{err}")


def case_run_output_is_one_set(env):
    """Item 6: a re-run without --trace removes the old trace; stale staging of dead processes goes."""
    status, _, err = env.run("run", env.scenario("tower_day.yaml"), "-r", "2", "--trace", "--out", "o", "-q")
    check(status == 0 and os.path.exists(env.path("o", "trace.bin")), f"first run: {err}")
    dead = subprocess.Popen(["true"])
    dead.wait()
    host = socket.gethostname().replace("-", "_")
    stale = env.path("o", f".drilltwin-staging-{host}-{dead.pid}")
    os.makedirs(stale)
    status, _, err = env.run("run", env.scenario("tower_day.yaml"), "-r", "2", "--seed", "7", "--out", "o", "-q")
    check(status == 0, f"second run: {err}")
    check(not os.path.exists(env.path("o", "trace.bin")), "the old trace.bin survived beside the new summary")
    check(not os.path.exists(stale), "stale staging of a dead process survived")
    manifest = json.load(open(env.path("o", "manifest.json")))
    check(manifest["seed"] == 7 and [f["name"] for f in manifest["files"]] ==
          ["summary.json", "replications.csv", "report.html"], f"manifest: {manifest}")


def case_replications_beyond_memory(env):
    """Item 10: -r 100000000 under a 4 GB address-space limit is refused up front (exit 2)."""
    if any(v in os.environ for v in ("ASAN_OPTIONS", "TSAN_OPTIONS")):
        raise Skip("a sanitizer's shadow memory does not fit an address-space limit")
    def pre():
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    for args in (["run", env.scenario("desk_mmc.yaml")], ["sweep", env.scenario("staffing_sweep.yaml")],
                 ["compare", env.scenario("desk_mmc.yaml"), "--vary", "staff.count=2,3"]):
        status, _, err = env.run(*args, "-r", "100000000", "--out", "big", preexec=pre)
        no_crash(status, err)
        check(status == 2 and "needs about" in err, f"{args[0]}: exit {status}:\n{err}")
        check(not os.path.exists(env.path("big")), f"{args[0]} left an output directory")


def case_mpirun_interrupt(env):
    """Item 10: Ctrl-C under mpirun records the run as interrupted, not running."""
    mpirun = shutil.which("mpirun")
    if not mpirun:
        raise Skip("no mpirun")
    flags = ["--oversubscribe"] + (["--allow-run-as-root"] if os.geteuid() == 0 else [])
    p = env.start("sweep", env.scenario("staffing_sweep.yaml"), "-r", "200000", "--out", "o",
                  prefix=[mpirun, *flags, "-np", "2"], start_new_session=True)
    db = env.path("o", "results.sqlite")
    try:
        head = read_until(p, " to run")
    except Fail as early_end:
        _, err = p.communicate(timeout=60)
        if "built without MPI" in str(early_end) + err:
            raise Skip("drilltwin built without MPI")
        raise
    time.sleep(1)
    os.killpg(p.pid, signal.SIGINT)  # the terminal's Ctrl-C: mpirun and every rank
    _, err = p.communicate(timeout=60)
    err = head + err
    if "built without MPI" in err:
        raise Skip("drilltwin built without MPI")
    check(stored_runs(db) == ["interrupted"], f"runs: {stored_runs(db)}\n{err}")


def case_intervals_in_range(env):
    """Item 8: intervals inside each KPI's range (the issue's examples)."""
    status, _, err = env.run("run", env.scenario("desk_mmc.yaml"), "-r", "3", "--out", "desk", "-q")
    check(status == 0, err)
    status, _, err = env.run("run", env.scenario("fire_drill_night.yaml"), "-r", "4", "--out", "fire", "-q",
                             "--set", "sensors.smoke_detector.reliability=0.5")
    check(status == 0, err)
    bad = []
    for out in ("desk", "fire"):
        for name, s in json.load(open(env.path(out, "summary.json")))["kpis"].items():
            if s["ci95_low"] is None:
                continue
            nonneg = name.endswith(("_s", "_fraction", "_count", "false_alarms", "_min")) or ".count" in name
            if nonneg and s["ci95_low"] < 0:
                bad.append(f"{out}: {name} ci95_low {s['ci95_low']}")
            if name.endswith("_fraction") and s["ci95_high"] > 1:
                bad.append(f"{out}: {name} ci95_high {s['ci95_high']}")
    check(not bad, "\n".join(bad))


CASES = {name[len("case_"):].replace("_", "-"): fn for name, fn in sorted(globals().items()) if name.startswith("case_")}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drilltwin", default="build/bin/drilltwin")
    ap.add_argument("--source", default=".")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("case", nargs="?")
    a = ap.parse_args()
    if a.list or not a.case:
        print("\n".join(CASES))
        return 0
    if a.case not in CASES:
        print(f"unknown case {a.case}", file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix="drilltwin-fault-")
    env = Env(os.path.abspath(a.drilltwin), os.path.abspath(a.source), tmp)
    try:
        CASES[a.case](env)
    except Skip as s:
        print(f"SKIP {a.case}: {s}")
        return SKIP
    except Fail as f:
        print(f"FAIL {a.case}: {f}")
        return 1
    finally:
        subprocess.run(["umount", "-l", os.path.join(tmp, "volume")], capture_output=True)
        subprocess.run(["umount", "-l", os.path.join(tmp, "small")], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"PASS {a.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
