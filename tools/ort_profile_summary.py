#!/usr/bin/env python3
"""Sums an ONNX Runtime profile (written with `java -Dbanyan.ortProfile=PREFIX ...`) by operator type.

    tools/ort_profile_summary.py PROFILE.json [TOP]

Prints the runs, the time inside `model_run` and inside kernels, then the operator types by kernel time, and the
single nodes that took longest. Only the standard library: runs with any Python 3.
"""
import collections
import json
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    with open(sys.argv[1]) as f:
        events = json.load(f)
    by_type = collections.Counter()
    by_node = collections.Counter()
    run_micros = 0
    runs = 0
    for event in events:
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time"):
            by_type[event["args"].get("op_name", "?")] += event["dur"]
            by_node[event["name"][: -len("_kernel_time")]] += event["dur"]
        elif event.get("cat") == "Session" and event["name"] == "model_run":
            run_micros += event["dur"]
            runs += 1
    kernels = sum(by_type.values())
    print(f"{runs} runs: {run_micros / 1000:.1f} ms in model_run, {kernels / 1000:.1f} ms in kernels "
          f"({100 * kernels / max(run_micros, 1):.0f} %)")
    print("by operator type:")
    for op, micros in by_type.most_common(top):
        print(f"  {op:<32} {micros / 1000:9.1f} ms  {100 * micros / max(kernels, 1):5.1f} %")
    print("longest nodes:")
    for node, micros in by_node.most_common(top):
        print(f"  {node:<72} {micros / 1000:9.1f} ms")


if __name__ == "__main__":
    main()
