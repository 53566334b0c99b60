"""Writes the small files beside the exported models: the engine's task file, the puzzle split, the greedy
reference decode, and a training summary.
  python3 finish.py out ../../models/game24
"""
import json
import sys

import data
import game24 as g

BANYAN = {
    "task": "game24",
    "policy": "policy",
    "prm": "prm",
    "prmStyle": "step-tag",
    "algorithm": "mcts-star",
    "budgetTokens": 2000,
    "maxStepTokens": 48,
    "temperature": 1.0,
    # Search settings chosen on the validation puzzles (see the model card); the rest are Banyan's defaults.
    "algorithms": {
        "mcts-star": {"rollSteps": 0, "answerLikelihood": True},
        "eta-mcts": {"mergeDistance": 4, "mergeResamples": 1, "c": 0.3},
    },
}


def dump(obj, path):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    out, models = sys.argv[1:3]
    dump(BANYAN, f"{models}/banyan.json")
    train, val, test = data.split(1)
    fmt = lambda ps: [" ".join(map(str, p)) for p in ps]
    dump({"seed": 1, "note": "all 1820 multisets of four numbers from 1-13; validation and test were never "
                             "trained on", "train_size": len(train), "validation": fmt(val), "test": fmt(test),
          "test_solvable": fmt(p for p in test if g.solvable(g.key(p)))}, f"{models}/split.json")
    with open(f"{out}/reference/policy_reference.json") as f:
        greedy = json.load(f)["greedy"]
    dump(greedy, f"{models}/expected_greedy.json")
    summary = {}
    for kind in ("policy", "prm"):
        with open(f"{out}/{kind}/selected.json") as f:
            summary[kind] = json.load(f)
    dump(summary, f"{models}/training.json")


if __name__ == "__main__":
    main()
