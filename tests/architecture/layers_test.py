#!/usr/bin/env python3
"""The direction of the parts (docs/architecture.md), checked on every #include and every CMake link.

    kernel <- world <- people, hazards <- dispatch <- sim <- jobs <- cli
    import:   map files (OSM, GeoJSON) -> layout text; knows kernel and world only
    scenario: YAML -> plain config; knows kernel, world and the parts' *_config.h headers only
    output:   files; knows kernel only
    viewer:   reads trace and scene files; knows kernel and output only

Usage: layers_test.py [ROOT]. Prints every edge against the direction as FILE:LINE: PART -> TARGET
and exits 1 if there is any; exits 0 and prints the number of edges checked otherwise.
"""
import os
import re
import sys

# What each part may include besides itself. "config" marks parts whose *_config.h headers only
# (plain structs, no behaviour) may be included.
ALLOWED = {
    "kernel": set(),
    "world": {"kernel"},
    "people": {"kernel", "world"},
    "hazards": {"kernel", "world", "people"},
    "dispatch": {"kernel", "world"},
    "output": {"kernel"},
    "scenario": {"kernel", "world", "config:people", "config:hazards", "config:dispatch"},
    "sim": {"kernel", "world", "people", "hazards", "dispatch", "scenario", "output"},
    "jobs": {"kernel", "world", "people", "hazards", "dispatch", "scenario", "output", "sim"},
    "import": {"kernel", "world"},
    "cli": {"kernel", "world", "people", "hazards", "dispatch", "scenario", "output", "sim", "jobs", "import"},
    "python": {"kernel", "world", "people", "hazards", "dispatch", "scenario", "output", "sim", "jobs"},
    "viewer": {"kernel", "output"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s*"(engine|viewer)/([a-z_]+)/([^"]+)"')
PART_LINE = re.compile(r"^\s*drilltwin_part\((\w+)(.*)\)", re.M)


def part_of(rel):
    parts = rel.split("/")
    if parts[0] == "viewer":
        return "viewer"
    return parts[1] if len(parts) > 2 else None


def allows(me, dep, header):
    ok = ALLOWED[me]
    if dep == me or dep in ok:
        return True
    return f"config:{dep}" in ok and header.endswith("_config.h")


def include_edges(root):
    bad, checked = [], 0
    for top in ("engine", "viewer"):
        for dirpath, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                if not name.endswith((".h", ".hpp", ".cpp", ".cc")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                me = part_of(rel)
                if me not in ALLOWED:
                    bad.append(f"{rel}:1: part '{me}' is not in the direction of docs/architecture.md")
                    continue
                with open(path, encoding="utf-8", errors="replace") as f:
                    for n, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        checked += 1
                        dep = "viewer" if m.group(1) == "viewer" else m.group(2)
                        if not allows(me, dep, m.group(3)):
                            bad.append(f"{rel}:{n}: {me} -> {m.group(1)}/{m.group(2)}/{m.group(3)}")
    return bad, checked


def link_edges(root):
    """Each drilltwin_part(NAME PARTS ...) in CMakeLists.txt may link only parts it may include."""
    bad = []
    path = os.path.join(root, "CMakeLists.txt")
    text = open(path, encoding="utf-8").read()
    for m in PART_LINE.finditer(text):
        me, args = m.group(1), m.group(2).split()
        line = text.count("\n", 0, m.start()) + 1
        if me not in ALLOWED:
            bad.append(f"CMakeLists.txt:{line}: part '{me}' is not in the direction of docs/architecture.md")
            continue
        parts, on = [], False
        for a in args:
            if a in ("PUBLIC", "PRIVATE"):
                on = False
            elif a == "PARTS":
                on = True
            elif on:
                parts.append(a)
        for dep in parts:
            if dep != me and dep not in ALLOWED[me] and f"config:{dep}" not in ALLOWED[me]:
                bad.append(f"CMakeLists.txt:{line}: dt_{me} links dt_{dep}")
    return bad


def self_test(root):
    """A copy of the tree with one back-edge added (world -> sim) must fail, naming file and line."""
    import shutil
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        for top in ("engine", "viewer"):
            shutil.copytree(os.path.join(root, top), os.path.join(tmp, top))
        shutil.copy(os.path.join(root, "CMakeLists.txt"), tmp)
        target = os.path.join(tmp, "engine", "world", "geometry.cpp")
        lines = open(target, encoding="utf-8").read().split("\n")
        lines.insert(1, '#include "engine/sim/runner.h"')
        open(target, "w", encoding="utf-8").write("\n".join(lines))
        bad, _ = include_edges(tmp)
        want = "engine/world/geometry.cpp:2: world -> engine/sim/runner.h"
        if want not in bad:
            print(f"self-test: the added back-edge was not reported; expected '{want}', got {bad}")
            return 1
        cm = os.path.join(tmp, "CMakeLists.txt")
        text = open(cm, encoding="utf-8").read().replace("drilltwin_part(world    PARTS kernel",
                                                          "drilltwin_part(world    PARTS kernel sim", 1)
        open(cm, "w", encoding="utf-8").write(text)
        if not any("dt_world links dt_sim" in b for b in link_edges(tmp)):
            print("self-test: the added link world -> sim was not reported")
            return 1
    print("self-test: an added include back-edge and an added link back-edge are both reported")
    return 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--self-test":
        return self_test(sys.argv[2] if len(sys.argv) > 2 else ".")
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    bad, checked = include_edges(root)
    bad += link_edges(root)
    for b in bad:
        print(b)
    if bad:
        print(f"{len(bad)} edge(s) against the direction of the parts (docs/architecture.md)")
        return 1
    print(f"{checked} includes checked, none against the direction of the parts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
