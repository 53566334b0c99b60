"""The model card's round-0 against round-1 tables, from an evaluate.json holding both rounds (the round-1
evaluation with --baseline), as Markdown.

  python3 selftrain_table.py ../../models/game24-round1/results/evaluate.json
"""
import json
import sys


def pct(x):
    return f"{100 * x:.1f} %"


def main():
    report = json.load(open(sys.argv[1]))
    rows = report["success"]
    models = list(dict.fromkeys(r["model"] for r in rows))
    base, new = models[0], models[-1]
    print("| split | algorithm | budget | round 0 | 95 % CI | round 1 | 95 % CI | round 1 − round 0, paired 95 % CI |")
    print("|---|---|---:|---:|---|---:|---|---|")
    for r in rows:
        if r["model"] != new:
            continue
        b = next(x for x in rows if x["model"] == base and x["input"] == r["input"]
                 and x["algorithm"] == r["algorithm"] and x["budget"] == r["budget"])
        print(f"| {r['input']} | {r['algorithm']} | {r['budget']:,} | {b['solved']}/{b['total']} ({pct(b['rate'])}) | "
              f"{pct(b['ciLow'])}–{pct(b['ciHigh'])} | {r['solved']}/{r['total']} ({pct(r['rate'])}) | "
              f"{pct(r['ciLow'])}–{pct(r['ciHigh'])} | {100 * r['diffToFirst']:+.1f} ({100 * r['diffLow']:+.1f} to "
              f"{100 * r['diffHigh']:+.1f}) |")
    s = report["settings"]
    k, top = s["samples"], s["top"]
    print()
    print(f"| split | round | Pass@1 | Pass@{k} | distinct right answers | best-of-{k} (PRM) | Reward@{top} | PRM AUC |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for split in dict.fromkeys(m["input"] for m in report["monitors"]):
        for m in report["monitors"]:
            if m["input"] != split:
                continue
            name = "0" if m["model"] == base else "1"
            print(f"| {split} | {name} | {pct(m['passAt1'])} | {m['passAtK']}/{m['problems']} "
                  f"({pct(m['passAtK'] / m['problems'])}) | {m['distinctCorrect']:.2f} | {pct(m['bestOfK'])} | "
                  f"{pct(m['rewardAtTop'])} | {m['auc']:.3f} |")


if __name__ == "__main__":
    main()
