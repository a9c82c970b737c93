#!/usr/bin/env python3
"""Times drilltwin.read_trace against the pure-Python reader of docs/formats.md on one trace.

    build/bin/drilltwin run scenarios/fire_drill_night.yaml -r 1 --trace --out /tmp/night
    PYTHONPATH=build/python python3 bench/read_trace_bench.py /tmp/night/trace.bin

Both read every frame of every person: the documented reader yields each frame's states and
positions as Python lists (its example's use), drilltwin.read_trace returns them as numpy arrays.
Prints wall and CPU time of each (drilltwin: the median of --repeat runs) and the ratio.
"""
import argparse
import os
import pathlib
import platform
import statistics
import sys
import time

SOURCE = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(SOURCE / "python" / "tests"))

import drilltwin  # noqa: E402
from docs_reader import documented_reader  # noqa: E402


def timed(f):
    wall, cpu = time.perf_counter(), time.process_time()
    value = f()
    return time.perf_counter() - wall, time.process_time() - cpu, value


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
    p.add_argument("--repeat", type=int, default=5, help="runs of drilltwin.read_trace (median)")
    a = p.parse_args()
    size = os.path.getsize(a.trace)
    print(f"{a.trace}: {size / 1e6:.1f} MB; {machine()}")

    def python_reader():
        frames = 0
        for kind, x in documented_reader(SOURCE)(a.trace):
            if kind == "frame":
                frames += 1
        return frames

    py_wall, py_cpu, frames = timed(python_reader)
    runs = [timed(lambda: drilltwin.read_trace(a.trace)) for _ in range(a.repeat)]
    t = runs[0][2]
    dt_wall = statistics.median(r[0] for r in runs)
    dt_cpu = statistics.median(r[1] for r in runs)
    assert t.meta["frames"] == frames, (t.meta["frames"], frames)
    print(f"frames {frames}, people {t.meta['people']}, rows {len(t):,}")
    print(f"docs/formats.md reader : wall {py_wall:8.2f} s  cpu {py_cpu:8.2f} s")
    print(f"drilltwin.read_trace   : wall {dt_wall:8.3f} s  cpu {dt_cpu:8.3f} s  (median of {a.repeat})")
    print(f"speed-up               : wall {py_wall / dt_wall:6.0f}x  cpu {py_cpu / dt_cpu:6.0f}x")


if __name__ == "__main__":
    main()
