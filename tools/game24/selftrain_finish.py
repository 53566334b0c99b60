"""Writes the small files of a self-training round's model directory: banyan.json (the previous round's
search settings, unchanged), expected_greedy.json, and training.json (data, settings, curves, stage times).

  python3 selftrain_finish.py ../../models/game24 out/selftrain ../../models/game24-round1
"""
import json
import os
import shutil
import sys


def read(path):
    with open(path) as f:
        return json.load(f)


def dump(obj, path):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")


def count_lines(path):
    with open(path) as f:
        return sum(1 for line in f if line.strip())


def main():
    base, out, round_dir = sys.argv[1:4]
    shutil.copyfile(os.path.join(base, "banyan.json"), os.path.join(round_dir, "banyan.json"))
    dump(read(os.path.join(out, "reference", "policy_reference.json"))["greedy"],
         os.path.join(round_dir, "expected_greedy.json"))
    searched = [json.loads(line) for line in open(os.path.join(out, "search.jsonl")) if line.strip()]
    times = {}
    if os.path.exists(os.path.join(out, "times.txt")):
        for line in open(os.path.join(out, "times.txt")):
            name, seconds = line.split()
            times[name] = int(seconds)
    summary = {
        "round": 1,
        "from": os.path.relpath(base, round_dir),
        "puzzles": "Tree-of-Thoughts ranks 1-900 that are in neither the validation nor the test list of "
                   "models/game24/split.json",
        "search": {"algorithm": searched[0]["algorithm"], "problems": len(searched),
                   "solved": sum(1 for r in searched if r.get("solved")),
                   "policy_tokens": sum(r["stats"]["policyTokens"] for r in searched if r.get("stats"))},
        "records": {name: count_lines(os.path.join(out, "export", name + ".jsonl")) for name in ("sft", "prm", "dpo")},
        "stage_seconds": times,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    for kind in ("policy", "prm"):
        hist = read(os.path.join(out, kind, "history.json"))
        # Paths relative to tools/game24, so that the file reads the same on every machine.
        args = {k: os.path.relpath(v, here) if isinstance(v, str) and os.path.isabs(v) else v
                for k, v in hist["args"].items()}
        summary[kind] = {"args": args, "train_seconds": hist["train_seconds"], "history": hist["history"]}
    dump(summary, os.path.join(round_dir, "training.json"))
    print(json.dumps({k: summary[k] for k in ("search", "records", "stage_seconds")}))


if __name__ == "__main__":
    main()
