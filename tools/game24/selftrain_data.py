"""The puzzle lists of a self-training round: the Tree-of-Thoughts ranks 1-900, split by the demo's split.json.

  python3 selftrain_data.py ../../../shared/data/game24/puzzles-1-900.csv ../../models/game24/split.json out/selftrain

Writes train.jsonl (ranks 1-900 in neither validation nor test: the puzzles searched and trained on),
validation.jsonl and test.jsonl (ranks 1-900 in the split's validation and test lists: tuning and the reported
numbers), one `{"id": "tot-RANK", "question": "a b c d"}` per line in rank order, for `banyan run/evaluate`.
"""
import json
import os
import sys

import data


def main():
    csv_path, split_path, out = sys.argv[1:4]
    tot = data.tot_puzzles(csv_path)
    with open(split_path) as f:
        split = json.load(f)
    held = {name: {tuple(sorted(int(x) for x in q.split())) for q in split[name]} for name in ("validation", "test")}
    parts = {"train": [], "validation": [], "test": []}
    for rank in sorted(tot):
        p = tot[rank]
        name = "validation" if p in held["validation"] else "test" if p in held["test"] else "train"
        parts[name].append({"id": f"tot-{rank}", "question": " ".join(map(str, p))})
    os.makedirs(out, exist_ok=True)
    for name, rows in parts.items():
        with open(os.path.join(out, f"{name}.jsonl"), "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in rows)
    print("ToT ranks 1-900: " + ", ".join(f"{n} {len(r)}" for n, r in parts.items()))


if __name__ == "__main__":
    main()
