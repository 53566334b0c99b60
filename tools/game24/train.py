"""Train the policy or the PRM on freshly generated, seeded data; checkpoints go to the output folder.

  python3 train.py policy --out out/policy
  python3 train.py prm --out out/prm --policy out/policy/model.pt
"""
import argparse
import json
import math
import os
import random
import time

import torch
import torch.nn.functional as F

import charvocab as cv
import data
import decode
import game24 as g
from model import Config, Llama, count_params

TAG, GOOD, BAD = "#", "+", "-"
STEP_SUFFIX = f" {TAG}\n"


def policy_example(puzzle, rng, solve_rate):
    prompt, lines = data.policy_trace(puzzle, rng, solve_rate)
    p = cv.encode(prompt)
    c = cv.encode("\n".join(lines) + "\n") + [cv.EOS_ID]
    ids = p + c
    # Loss on the written solution only: the prompt's numbers are random and not worth predicting.
    weight = [0.0] * (len(p) - 1) + [1.0] * len(c)
    return ids, weight, None


def prm_example(prompt, lines, labels):
    """PRM input ids with a target at each appended tag; tags are found by position, never by searching for
    the tag character, so a step that happens to contain it cannot shift the labels."""
    ids = cv.encode(prompt)
    targets = [-1] * len(ids)
    for line, lab in zip(lines, labels, strict=True):
        ids += cv.encode(line + STEP_SUFFIX)
        targets += [-1] * len(line + STEP_SUFFIX)
        targets[len(ids) - len(STEP_SUFFIX) + STEP_SUFFIX.index(TAG)] = 0 if lab else 1  # 0 = GOOD, 1 = BAD
    return ids, None, targets


def example_text(ids, weight, targets):
    """A training example as text; for the PRM each tag shows its label (`+` good, `-` bad) in its place."""
    if targets is None:
        return cv.decode(ids)
    return "".join((GOOD if t == 0 else BAD) if t >= 0 else cv.TOKENS[i] for i, t in zip(ids, targets))


def collate(examples):
    width = max(len(e[0]) for e in examples)
    n = len(examples)
    ids = torch.full((n, width), cv.PAD_ID, dtype=torch.long)
    tgt = torch.full((n, width), -1, dtype=torch.long)
    w = torch.zeros((n, width))
    for i, (seq, weight, targets) in enumerate(examples):
        ids[i, :len(seq)] = torch.tensor(seq)
        if weight is not None:
            tgt[i, :len(seq) - 1] = torch.tensor(seq[1:])
            w[i, :len(seq) - 1] = torch.tensor(weight)
        else:
            tgt[i, :len(seq)] = torch.tensor(targets)
    return ids, tgt, w


def lr_at(step, total, peak, warmup=100):
    if step < warmup:
        return peak * (step + 1) / warmup
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup))))


def sample_policy_traces(policy, puzzles, n, seed, batch=200):
    """Traces the trained policy writes at temperature 1, labelled by the exact checker."""
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    out = []
    while len(out) < n:
        chunk = [rng.choice(puzzles) for _ in range(batch)]
        for p, text in zip(chunk, decode.generate(policy, [g.prompt(q) for q in chunk], 1.0, gen)):
            lines = [l for l in text.split("\n") if l]
            if lines:
                out.append((g.prompt(p), lines, g.label_lines(p, lines)))
    return out[:n]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["policy", "prm"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--split-seed", type=int, default=1)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--ffn", type=int, default=352)
    ap.add_argument("--solve-rate", type=float, default=0.5, help="policy: share of solving traces")
    ap.add_argument("--policy", help="prm: policy checkpoint whose samples join the PRM data")
    ap.add_argument("--policy-samples", type=int, default=3000)
    ap.add_argument("--policy-share", type=float, default=0.4)
    ap.add_argument("--eval-every", type=int, default=250)
    ap.add_argument("--dump-data", help="also write every training text, in order, to this file")
    ap.add_argument("--tot", help="train only on puzzles of this Tree-of-Thoughts CSV's ranks 1-900 "
                                  "(e.g. ../shared/data/game24/puzzles-1-900.csv)")
    args = ap.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    train, val, _ = data.split(args.split_seed)
    if args.tot:
        train = data.restrict(train, data.tot_puzzles(args.tot).values())
    val_solvable = [p for p in val if g.solvable(g.key(p))]
    cfg = Config(cv.VOCAB_SIZE, args.hidden, args.layers, 4, 2, args.ffn)
    model = Llama(cfg)
    log = open(os.path.join(args.out, "train.log"), "a")

    def say(msg):
        print(msg, flush=True)
        log.write(msg + "\n")
        log.flush()

    say(f"{args.kind}: {count_params(model)} parameters, args {vars(args)}")
    t0 = time.time()
    pool = []
    if args.kind == "prm" and args.policy:
        policy = load(args.policy)
        pool = [prm_example(*t) for t in sample_policy_traces(policy, train, args.policy_samples, args.seed)]
        say(f"sampled {len(pool)} policy traces in {time.time() - t0:.0f}s; "
            f"good steps {sum(x >= 0 and x == 0 for e in pool for x in e[2])}"
            f" / {sum(x >= 0 for e in pool for x in e[2])}")
        val_pool = [prm_example(*t) for t in sample_policy_traces(policy, val, 600, args.seed + 1)]
    else:
        val_pool = []

    def make_example():
        puzzle = rng.choice(train)
        if args.kind == "policy":
            return policy_example(puzzle, rng, args.solve_rate)
        if pool and rng.random() < args.policy_share:
            return rng.choice(pool)
        return prm_example(*data.synthetic_prm_trace(puzzle, rng))

    dump = open(args.dump_data, "w") if args.dump_data else None
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.01)
    prm_ids = torch.tensor([cv.ID[GOOD], cv.ID[BAD]])
    history = []
    running = None
    for step in range(args.steps):
        model.train()
        examples = [make_example() for _ in range(args.batch)]
        if dump:
            dump.writelines(example_text(*e) + "\n" for e in examples)
        ids, tgt, w = collate(examples)
        for group in opt.param_groups:
            group["lr"] = lr_at(step, args.steps, args.lr)
        logits, _ = model(ids)
        if args.kind == "policy":
            nll = F.cross_entropy(logits.reshape(-1, cfg.vocab_size), tgt.reshape(-1).clamp(min=0),
                                  reduction="none")
            loss = (nll * w.reshape(-1)).sum() / w.sum()
        else:
            sel = tgt >= 0
            loss = F.cross_entropy(logits[sel][:, prm_ids], tgt[sel])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if (step + 1) % 50 == 0:
            say(f"step {step + 1} loss {running:.4f} elapsed {time.time() - t0:.0f}s")
        if (step + 1) % args.eval_every == 0 or step + 1 == args.steps:
            ckpt = os.path.join(args.out, f"step{step + 1}.pt")
            save(model, cfg, ckpt)
            if args.kind == "policy":
                acc, texts = decode.solve_rate(model, val_solvable)
                legal = sum(g.check_step(g.key(p), t.split("\n")[0]) is not None for p, t in texts) / len(texts)
                rec = {"step": step + 1, "val_greedy": acc, "first_step_legal": legal, "ckpt": ckpt}
            else:
                rec = {"step": step + 1, "ckpt": ckpt, **prm_metrics(model, val_pool)}
            rec["elapsed_s"] = round(time.time() - t0)
            history.append(rec)
            say(json.dumps(rec))
    if dump:
        dump.close()
    with open(os.path.join(args.out, "history.json"), "w") as f:
        json.dump({"args": vars(args), "params": count_params(model), "history": history,
                   "train_seconds": round(time.time() - t0), "cpu_seconds": round(time.process_time())},
                  f, indent=1)


@torch.no_grad()
def prm_scores(model, examples, batch=128):
    """(score, label) for every tag: score = P(good) from the two-way softmax at the tag position."""
    model.eval()
    out = []
    for i in range(0, len(examples), batch):
        ids, tgt, _ = collate(examples[i:i + batch])
        logits, _ = model(ids)
        sel = tgt >= 0
        p = torch.softmax(logits[sel][:, [cv.ID[GOOD], cv.ID[BAD]]], -1)[:, 0]
        out += list(zip(p.tolist(), (tgt[sel] == 0).tolist()))
    return out


def auc(pairs):
    pos = sorted(s for s, y in pairs if y)
    neg = sorted(s for s, y in pairs if not y)
    if not pos or not neg:
        return float("nan")
    # Mann-Whitney U with ties counted half.
    import bisect
    total = 0.0
    for s in pos:
        lo = bisect.bisect_left(neg, s)
        hi = bisect.bisect_right(neg, s)
        total += lo + 0.5 * (hi - lo)
    return total / (len(pos) * len(neg))


def prm_metrics(model, examples):
    pairs = prm_scores(model, examples)
    if not pairs:
        return {}
    acc = sum((s >= 0.5) == y for s, y in pairs) / len(pairs)
    return {"val_step_acc": round(acc, 4), "val_auc": round(auc(pairs), 4),
            "val_good_share": round(sum(y for _, y in pairs) / len(pairs), 4)}


def save(model, cfg, path):
    torch.save({"config": cfg.to_dict(), "state": model.state_dict()}, path)


def load(path):
    blob = torch.load(path)
    c = blob["config"]
    cfg = Config(c["vocab_size"], c["hidden_size"], c["num_hidden_layers"], c["num_attention_heads"],
                 c["num_key_value_heads"], c["intermediate_size"], c["rope_theta"], c["rms_norm_eps"],
                 c["max_position_embeddings"])
    model = Llama(cfg)
    model.load_state_dict(blob["state"])
    model.eval()
    return model


if __name__ == "__main__":
    main()
