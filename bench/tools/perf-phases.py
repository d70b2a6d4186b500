#!/usr/bin/env python3
"""Attributes the samples of a `perf script` dump to a command's phases, split by where the leaf ran.

Why: on a 2-core shared machine wall time is noise; sample counts of one run, attributed to the outermost phase on
the stack and split into the JIT (libclrjit), the runtime (libcoreclr: collections, type loading) and code, tell
what a change moved. Record with JIT frames named, from the repository's root, CLUSTER being a generated cluster
(`dense-e2e 10k` writes dense-10k.json into the system's temporary directory):

    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 1999 -g -o lint.data \
        dotnet src/Palisade.Cli/bin/Release/net10.0/palisade.dll lint "$CLUSTER" -o json >/dev/null
    perf script -i lint.data > lint.txt && python3 bench/tools/perf-phases.py lint.txt

A sample belongs to the first phase (in the order below) whose pattern is on its stack.
"""
import collections
import re
import sys

PHASES = [
    ("fix proofs", "FixVerifier::Verify"),
    ("loading", "ClusterSource::Load"),
    ("edge lines", "PostureContext::ReadEdges"),
    ("locating findings", "FindingsPipeline::Locate"),
    ("checks", "FindingsPipeline::Run"),
    ("connectivity lines", "ConnectivityStream"),  # connectivity: the lines and their writing, interleaved
    ("writing", "Write"),
    ("command line", "App::Root"),
    ("argument settling", "FileListSettling"),
    ("command", "Guard"),
]
FRAME = re.compile(r"\s+[0-9a-f]+\s+(.*)\s+\((.*)\)$")


def samples(path):
    stack = []
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line[0] not in " \t":
            stack = []
        elif m := FRAME.match(line):
            stack.append((m.group(1), m.group(2)))
    if stack:
        yield stack


def main(path):
    counts = collections.defaultdict(collections.Counter)
    total = 0
    for stack in samples(path):
        total += 1
        phase = next((name for name, pattern in PHASES if any(pattern in frame for frame, _ in stack)), "other")
        leaf = stack[0][1]
        counts[phase]["jit" if "clrjit" in leaf else "runtime" if "coreclr" in leaf else "code"] += 1
    print(f"{'phase':20s} {'samples':>8s} {'code':>6s} {'runtime':>8s} {'jit':>6s}   ({total} samples)")
    for name in [p for p, _ in PHASES] + ["other"]:
        c = counts[name]
        if c:
            print(f"{name:20s} {sum(c.values()):8d} {c['code']:6d} {c['runtime']:8d} {c['jit']:6d}")


if __name__ == "__main__":
    main(sys.argv[1])
