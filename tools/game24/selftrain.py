"""Fine-tune one model of a self-training round (ReST-MCTS*): the policy on the correct traces a search found
(`sft.jsonl`), the PRM on the search's per-step value targets (`prm.jsonl`, as soft labels), each mixed with
freshly generated data of the kind it was first trained on, drawn from the same training puzzles only.

  python3 selftrain.py policy --init out/selftrain/round0_policy.pt --records export/sft.jsonl \
      --puzzles out/selftrain/train.jsonl --validation out/selftrain/validation.jsonl --out out/selftrain/policy
  python3 selftrain.py prm --init out/selftrain/round0_prm.pt --records export/prm.jsonl \
      --policy out/selftrain/round0_policy.pt --puzzles ... --validation ... --out out/selftrain/prm

Each batch example is a search record with probability `--mix`, otherwise original data:
- policy: a trace of data.policy_trace (half solving, half random legal steps), loss on the steps only;
- PRM: the original mix, 60 % synthetic traces (solving, random, slipped) and 40 % traces the round's policy
  sampled at temperature 1, labelled good/bad by the exact checker.
A search record for the PRM trains each step's tag towards its value target v (cross-entropy against
(v, 1 - v) over the two label tokens); a hard label is the case v in {0, 1}. The last checkpoint is kept;
validation numbers are logged every `--eval-every` steps.
"""
import argparse
import json
import os
import random
import time

import torch

import charvocab as cv
import data
import decode
import game24 as g
from train import (BAD, GOOD, STEP_SUFFIX, TAG, auc, count_params, load, lr_at, policy_example, prm_example,
                   sample_policy_traces, save)

GOOD_ID, BAD_ID = cv.ID[GOOD], cv.ID[BAD]


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def puzzle_of(question):
    return tuple(sorted(int(x) for x in question.split()))


def sft_example(record):
    """A policy example from an `sft.jsonl` record: the prompt, then the completion and `</s>`; loss on the
    completion only, as the original policy data."""
    p = cv.encode(record["prompt"])
    c = cv.encode(record["completion"]) + [cv.EOS_ID]
    return p + c, [0.0] * (len(p) - 1) + [1.0] * len(c)


def soft_prm_example(prompt, lines, targets):
    """PRM input ids, and the target P(good) at each appended tag (None elsewhere)."""
    ids = cv.encode(prompt)
    soft = [None] * len(ids)
    for line, v in zip(lines, targets, strict=True):
        ids += cv.encode(line + STEP_SUFFIX)
        soft += [None] * len(line + STEP_SUFFIX)
        soft[len(ids) - len(STEP_SUFFIX) + STEP_SUFFIX.index(TAG)] = float(v)
    return ids, soft


def record_prm_example(record):
    return soft_prm_example(record["prompt"], [s.rstrip("\n") for s in record["completions"]], record["values"])


def hard_prm_example(prompt, lines, labels):
    return soft_prm_example(prompt, lines, [1.0 if x else 0.0 for x in labels])


def collate_policy(examples):
    width = max(len(ids) for ids, _ in examples)
    ids_t = torch.full((len(examples), width), cv.PAD_ID, dtype=torch.long)
    tgt = torch.zeros((len(examples), width), dtype=torch.long)
    w = torch.zeros((len(examples), width))
    for i, (ids, weight) in enumerate(examples):
        ids_t[i, :len(ids)] = torch.tensor(ids)
        tgt[i, :len(ids) - 1] = torch.tensor(ids[1:])
        w[i, :len(ids) - 1] = torch.tensor(weight)
    return ids_t, tgt, w


def collate_prm(examples):
    width = max(len(ids) for ids, _ in examples)
    ids_t = torch.full((len(examples), width), cv.PAD_ID, dtype=torch.long)
    soft = torch.full((len(examples), width), -1.0)
    for i, (ids, targets) in enumerate(examples):
        ids_t[i, :len(ids)] = torch.tensor(ids)
        soft[i, :len(ids)] = torch.tensor([-1.0 if t is None else t for t in targets])
    return ids_t, soft


def policy_loss(model, batch):
    ids, tgt, w = collate_policy(batch)
    logits, _ = model(ids)
    nll = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), reduction="none")
    return (nll * w.reshape(-1)).sum() / w.sum()


def prm_loss(model, batch):
    ids, soft = collate_prm(batch)
    logits, _ = model(ids)
    sel = soft >= 0
    logp = torch.log_softmax(logits[sel][:, [GOOD_ID, BAD_ID]], -1)
    v = soft[sel]
    return -(v * logp[:, 0] + (1 - v) * logp[:, 1]).mean()


@torch.no_grad()
def prm_pairs(model, examples, batch=128):
    """(P(good), target) at every tag."""
    model.eval()
    out = []
    for i in range(0, len(examples), batch):
        ids, soft = collate_prm(examples[i:i + batch])
        logits, _ = model(ids)
        sel = soft >= 0
        p = torch.softmax(logits[sel][:, [GOOD_ID, BAD_ID]], -1)[:, 0]
        out += list(zip(p.tolist(), soft[sel].tolist()))
    return out


def policy_eval(model, puzzles, samples=4):
    greedy, _ = decode.solve_rate(model, puzzles)
    sampled, texts = decode.solve_rate(model, puzzles, temperature=1.0, samples=samples, seed=7)
    distinct = {}
    for p, t in texts:
        if g.solved(p, t):
            distinct.setdefault(p, set()).add(next(l for l in t.split("\n") if l.startswith(g.ANSWER_PREFIX)))
    return {"val_greedy": round(greedy, 4), "val_sample_t1": round(sampled, 4),
            "val_pass_at_4": round(len(distinct) / len(puzzles), 4),
            "val_distinct_right_per_puzzle": round(sum(len(s) for s in distinct.values()) / len(puzzles), 3)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["policy", "prm"])
    ap.add_argument("--init", required=True, help="the round's starting checkpoint (onnx_to_pt.py)")
    ap.add_argument("--records", required=True, help="the search's sft.jsonl (policy) or prm.jsonl (PRM)")
    ap.add_argument("--puzzles", required=True, help="JSON Lines of the training puzzles (selftrain_data.py)")
    ap.add_argument("--validation", required=True, help="JSON Lines of the validation puzzles")
    ap.add_argument("--policy", help="prm: the round's policy checkpoint, whose samples are part of the original mix")
    ap.add_argument("--out", required=True)
    ap.add_argument("--mix", type=float, default=0.5, help="share of batch examples taken from the search records")
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--policy-samples", type=int, default=3000)
    args = ap.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    log = open(os.path.join(args.out, "train.log"), "a")

    def say(msg):
        print(msg, flush=True)
        log.write(msg + "\n")
        log.flush()

    t0 = time.time()
    train = [puzzle_of(r["question"]) for r in read_jsonl(args.puzzles)]
    val = [puzzle_of(r["question"]) for r in read_jsonl(args.validation)]
    assert not set(train) & set(val), "training and validation puzzles overlap"
    records = read_jsonl(args.records)
    for r in records:
        assert puzzle_of(r["prompt"].split("\n")[0].removeprefix("Input: ")) in set(train), \
            f"a search record is not of a training puzzle: {r['prompt']!r}"
    model = load(args.init)
    say(f"{args.kind}: {count_params(model)} parameters from {args.init}; {len(records)} search records, "
        f"{len(train)} training puzzles; args {vars(args)}")

    if args.kind == "policy":
        search = [sft_example(r) for r in records]

        def original():
            ids, weight, _ = policy_example(rng.choice(train), rng, 0.5)
            return ids, weight

        loss_fn = policy_loss

        def evaluate():
            return policy_eval(model, val)
    else:
        search = [record_prm_example(r) for r in records]
        assert args.policy, "prm needs --policy (the round's policy, for the original mix's sampled traces)"
        policy = load(args.policy)
        sampled = [hard_prm_example(*t) for t in sample_policy_traces(policy, train, args.policy_samples, args.seed)]
        val_sampled = [hard_prm_example(*t) for t in sample_policy_traces(policy, val, 600, args.seed + 1)]
        say(f"sampled {len(sampled)} + {len(val_sampled)} policy traces in {time.time() - t0:.0f}s")

        def original():
            if rng.random() < 0.4:
                return rng.choice(sampled)
            return hard_prm_example(*data.synthetic_prm_trace(rng.choice(train), rng))

        loss_fn = prm_loss

        def evaluate():
            pairs = prm_pairs(model, val_sampled)
            hard = [(s, y >= 0.5) for s, y in pairs]
            return {"val_auc": round(auc(hard), 4),
                    "val_step_acc": round(sum((s >= 0.5) == y for s, y in hard) / len(hard), 4),
                    "val_mean_score": round(sum(s for s, _ in pairs) / len(pairs), 4)}

    history = [{"step": 0, **evaluate(), "elapsed_s": round(time.time() - t0)}]
    say(json.dumps(history[-1]))
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.01)
    running = None
    for step in range(args.steps):
        model.train()
        batch = [rng.choice(search) if rng.random() < args.mix else original() for _ in range(args.batch)]
        for group in opt.param_groups:
            group["lr"] = lr_at(step, args.steps, args.lr, args.warmup)
        loss = loss_fn(model, batch)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        running = loss.item() if running is None else 0.95 * running + 0.05 * loss.item()
        if (step + 1) % 50 == 0:
            say(f"step {step + 1} loss {running:.4f} elapsed {time.time() - t0:.0f}s")
        if (step + 1) % args.eval_every == 0 or step + 1 == args.steps:
            history.append({"step": step + 1, **evaluate(), "elapsed_s": round(time.time() - t0)})
            say(json.dumps(history[-1]))
    save(model, model.config, os.path.join(args.out, "model.pt"))
    with open(os.path.join(args.out, "history.json"), "w") as f:
        json.dump({"args": vars(args), "records": len(records), "history": history,
                   "train_seconds": round(time.time() - t0)}, f, indent=1)


if __name__ == "__main__":
    main()
