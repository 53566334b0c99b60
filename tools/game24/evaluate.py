"""Held-out numbers for the model card: policy solve rates and the PRM's step accuracy and AUC.

All puzzles here come from the test part of the seeded split (never trained on, never used for selection).
  python3 evaluate.py out/policy/model.pt out/prm/model.pt out/metrics.json
"""
import json
import random
import sys
import time

import torch

import data
import decode
import game24 as g
from train import auc, load, prm_example, prm_scores, sample_policy_traces

SAMPLES = 4
BEST_OF = 8


def lines_of(text):
    return [l for l in text.split("\n") if l]


def policy_metrics(policy, puzzles, solvable):
    greedy_all, texts = decode.solve_rate(policy, puzzles)
    greedy_solvable = sum(g.solved(p, t) for p, t in texts if p in solvable) / len(solvable)
    sampled, stexts = decode.solve_rate(policy, sorted(solvable), temperature=1.0, samples=SAMPLES, seed=7)
    written = [g.label_lines(p, lines_of(t)) for p, t in stexts]
    right_steps = 0
    total_steps = 0
    for p, t in stexts:
        nums = g.key(p)
        for line in lines_of(t):
            if line.startswith(g.ANSWER_PREFIX):
                break
            total_steps += 1
            rest = g.check_step(nums, line)
            if rest is None:
                break
            right_steps += 1
            nums = rest
    dead_end_first = sum(1 for labels in written if labels and labels[0] is False) / len(written)
    return {
        "test_puzzles": len(puzzles), "test_solvable": len(solvable),
        "greedy_solved_all": round(greedy_all, 4), "greedy_solved_solvable": round(greedy_solvable, 4),
        "sampled_t1_solved_solvable": round(sampled, 4), "samples_per_puzzle": SAMPLES,
        "sampled_step_right_rate": round(right_steps / max(1, total_steps), 4),
        "sampled_first_step_bad_rate": round(dead_end_first, 4),
        "greedy_4_9_10_13": decode.generate(policy, [g.prompt((4, 9, 10, 13))])[0],
    }


def best_of_n(policy, prm, solvable):
    """Sample N traces per puzzle, keep the one whose weakest step the PRM likes best (a tiny search)."""
    puzzles = sorted(solvable)
    _, texts = decode.solve_rate(policy, puzzles, temperature=1.0, samples=BEST_OF, seed=11)
    picked = oracle = 0
    for k, p in enumerate(puzzles):
        group = [t for _, t in texts[k * BEST_OF:(k + 1) * BEST_OF]]
        traces = [lines_of(t) or ["?"] for t in group]
        examples = [prm_example(g.prompt(p), lines, g.label_lines(p, lines)) for lines in traces]
        scores = [s for s, _ in prm_scores(prm, examples)]
        weakest, i = [], 0
        for lines in traces:
            weakest.append(min(scores[i:i + len(lines)]))
            i += len(lines)
        best = max(range(BEST_OF), key=lambda j: weakest[j])
        picked += g.solved(p, group[best])
        oracle += any(g.solved(p, t) for t in group)
    return {"best_of": BEST_OF, "prm_min_rerank_solved": round(picked / len(puzzles), 4),
            "any_of_n_solved": round(oracle / len(puzzles), 4)}


def prm_metrics(prm, examples):
    pairs = prm_scores(prm, examples)
    acc = sum((s >= 0.5) == y for s, y in pairs) / len(pairs)
    return {"steps": len(pairs), "good_share": round(sum(y for _, y in pairs) / len(pairs), 4),
            "step_accuracy": round(acc, 4), "auc": round(auc(pairs), 4)}


def main():
    policy_ckpt, prm_ckpt, out = sys.argv[1:4]
    torch.set_num_threads(1)
    t0 = time.time()
    _, _, test = data.split(1)
    solvable = {p for p in test if g.solvable(g.key(p))}
    policy, prm = load(policy_ckpt), load(prm_ckpt)
    metrics = {"policy": policy_metrics(policy, test, solvable)}
    rng = random.Random(5)
    synthetic = [prm_example(*data.synthetic_prm_trace(rng.choice(test), rng)) for _ in range(1500)]
    sampled = [prm_example(*t) for t in sample_policy_traces(policy, test, 1000, seed=9)]
    metrics["prm_on_policy_samples"] = prm_metrics(prm, sampled)
    metrics["prm_on_synthetic_mix"] = prm_metrics(prm, synthetic)
    metrics["search_sanity"] = best_of_n(policy, prm, solvable)
    metrics["eval_seconds"] = round(time.time() - t0)
    with open(out, "w") as f:
        json.dump(metrics, f, indent=1)
        f.write("\n")
    print(json.dumps(metrics, indent=1))


if __name__ == "__main__":
    main()
