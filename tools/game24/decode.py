"""Batched decoding with a key/value cache over left-padded prompts (the same inputs the ONNX model takes)."""
import torch

import charvocab as cv
import game24 as g

NEWLINE_ID = cv.ID["\n"]


def left_pad(seqs):
    width = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), width), cv.PAD_ID, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, width - len(s):] = torch.tensor(s)
        mask[i, width - len(s):] = 1
    positions = (mask.cumsum(1) - 1).clamp(min=0)
    return ids, mask, positions


@torch.no_grad()
def generate(model, prompts, temperature=0.0, generator=None, max_new_tokens=200):
    """Continue each prompt until `</s>`, or the newline that ends its `Answer:` line, or the token limit.

    temperature 0 is greedy (argmax); otherwise tokens are sampled from softmax(logits / temperature).
    Returns the generated texts (without the prompt).
    """
    model.eval()
    ids, mask, positions = left_pad([cv.encode(p) for p in prompts])
    logits, past = model(ids, mask, positions)
    last = logits[:, -1]
    pos = positions[:, -1]
    out = [[] for _ in prompts]
    line_start = [0] * len(prompts)
    done = [False] * len(prompts)
    for _ in range(max_new_tokens):
        if temperature == 0:
            nxt = last.argmax(-1)
        else:
            probs = torch.softmax(last / temperature, -1)
            nxt = torch.multinomial(probs, 1, generator=generator).squeeze(1)
        for i, t in enumerate(nxt.tolist()):
            if done[i]:
                continue
            if t == cv.EOS_ID:
                done[i] = True
                continue
            out[i].append(t)
            if t == NEWLINE_ID:
                if cv.decode(out[i][line_start[i]:]).startswith(g.ANSWER_PREFIX):
                    done[i] = True
                line_start[i] = len(out[i])
        if all(done):
            break
        pos = pos + 1
        mask = torch.cat([mask, torch.ones((len(prompts), 1), dtype=torch.long)], 1)
        logits, past = model(nxt[:, None], mask, pos[:, None], past)
        last = logits[:, -1]
    return [cv.decode(o) for o in out]


def solve_rate(model, puzzles, temperature=0.0, samples=1, seed=0, batch=128):
    """Fraction of (puzzle, sample) pairs whose trace ends in a right 24, and the texts."""
    gen = torch.Generator().manual_seed(seed)
    jobs = [p for p in puzzles for _ in range(samples)]
    texts = []
    for i in range(0, len(jobs), batch):
        chunk = jobs[i:i + batch]
        texts += generate(model, [g.prompt(p) for p in chunk], temperature, gen)
    wins = [g.solved(p, t) for p, t in zip(jobs, texts)]
    return sum(wins) / max(1, len(wins)), list(zip(jobs, texts))
