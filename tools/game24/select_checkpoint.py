"""Pick the checkpoint to ship, using validation puzzles only; copies it to <run>/model.pt.

policy: the latest checkpoint whose greedy decode solves 10-40 % of the solvable validation puzzles, so that
search has something to win (if none is in range, the one nearest 25 %). prm: the best validation AUC.
  python3 select_checkpoint.py policy out/policy
"""
import json
import shutil
import sys

LOW, HIGH, MID = 0.10, 0.40, 0.25


def choose(kind, history):
    if kind == "policy":
        in_range = [h for h in history if LOW <= h["val_greedy"] <= HIGH]
        return in_range[-1] if in_range else min(history, key=lambda h: abs(h["val_greedy"] - MID))
    return max(history, key=lambda h: h["val_auc"])


def main():
    kind, run = sys.argv[1:3]
    with open(f"{run}/history.json") as f:
        hist = json.load(f)
    pick = choose(kind, hist["history"])
    shutil.copyfile(pick["ckpt"], f"{run}/model.pt")
    with open(f"{run}/selected.json", "w") as f:
        json.dump({"selected": pick, "train_seconds": hist["train_seconds"], "params": hist["params"]}, f, indent=1)
    print(f"{kind}: selected {pick}")


if __name__ == "__main__":
    main()
