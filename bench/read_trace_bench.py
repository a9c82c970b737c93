#!/usr/bin/env python3
"""Times drilltwin.read_trace against the pure-Python reader of docs/formats.md on one trace.

    build/bin/drilltwin run scenarios/fire_drill_night.yaml -r 1 --trace --out /tmp/night
    PYTHONPATH=build/python python3 bench/read_trace_bench.py /tmp/night/trace.bin

Both read every frame of every person: the documented reader yields each frame's states and
positions as Python lists (its example's use), drilltwin.read_trace returns them as numpy arrays.
Each read runs in a fresh Python process, as an analysis script would (the numbers include
allocating the arrays); prints the median wall time and CPU time (user + system) of --repeat runs
of each, and the ratios.
"""
import argparse
import json
import os
import pathlib
import platform
import resource
import statistics
import subprocess
import sys
import time

SOURCE = pathlib.Path(__file__).resolve().parents[1]


def one(reader, trace):
    """Reads `trace` once with `reader` in this process; prints wall and CPU seconds as JSON."""
    sys.path.insert(0, str(SOURCE / "python" / "tests"))
    import drilltwin
    from docs_reader import documented_reader
    read = documented_reader(SOURCE) if reader == "docs" else None
    r0, w0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    if reader == "docs":
        frames = sum(1 for kind, _ in read(trace) if kind == "frame")
    else:
        frames = drilltwin.read_trace(trace).meta["frames"]
    wall, r1 = time.perf_counter() - w0, resource.getrusage(resource.RUSAGE_SELF)
    user, system = r1.ru_utime - r0.ru_utime, r1.ru_stime - r0.ru_stime
    print(json.dumps({"wall": wall, "cpu": user + system, "user": user, "system": system, "frames": frames}))


def machine():
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("trace")
    p.add_argument("--repeat", type=int, default=3, help="fresh processes per reader (median)")
    p.add_argument("--one", choices=["docs", "drilltwin"], help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.one:
        return one(a.one, a.trace)
    print(f"{a.trace}: {os.path.getsize(a.trace) / 1e6:.1f} MB; {machine()}")
    results = {}
    for reader in ("docs", "drilltwin"):
        runs = [json.loads(subprocess.run([sys.executable, __file__, a.trace, "--one", reader], check=True,
                                          capture_output=True, text=True).stdout) for _ in range(a.repeat)]
        assert len({r["frames"] for r in runs}) == 1
        results[reader] = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "user", "system")}
        results[reader]["range"] = (min(r["cpu"] for r in runs), max(r["cpu"] for r in runs))
        results[reader]["frames"] = runs[0]["frames"]
    assert results["docs"]["frames"] == results["drilltwin"]["frames"]
    d, t = results["docs"], results["drilltwin"]
    print(f"frames {d['frames']}; median of {a.repeat} fresh processes each")
    for name, r in (("docs/formats.md reader", d), ("drilltwin.read_trace", t)):
        print(f"{name:22} : wall {r['wall']:8.3f} s  cpu {r['cpu']:8.3f} s (user {r['user']:.3f}, system "
              f"{r['system']:.3f}; cpu {r['range'][0]:.3f} to {r['range'][1]:.3f})")
    print(f"speed-up               : wall {d['wall'] / t['wall']:6.0f}x  cpu {d['cpu'] / t['cpu']:6.0f}x")


if __name__ == "__main__":
    main()
