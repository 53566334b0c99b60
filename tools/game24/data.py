"""Seeded training data: the puzzle split, policy traces, and step-labelled PRM traces.

Puzzles are all 1820 multisets of four numbers from 1 to 13; a seeded quarter is held out (half for
checkpoint selection, half for the reported numbers) and never appears in training data.
"""
import csv
import random
import re
from fractions import Fraction

import game24 as g

HOLDOUT_FRACTION = 0.25


def split(seed: int):
    """(train, validation, test) puzzle lists, each puzzle a sorted 4-tuple."""
    puzzles = list(g.ALL_PUZZLES)
    random.Random(seed).shuffle(puzzles)
    n_hold = int(len(puzzles) * HOLDOUT_FRACTION)
    held = puzzles[:n_hold]
    return sorted(puzzles[n_hold:]), sorted(held[: n_hold // 2]), sorted(held[n_hold // 2:])


def tot_puzzles(path, first=1, last=900):
    """{rank: puzzle} of the Tree-of-Thoughts list (`Rank`, `Puzzles` columns) for ranks first..last, each
    puzzle a sorted 4-tuple."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {int(r["Rank"]): tuple(sorted(int(x) for x in r["Puzzles"].split()))
            for r in rows if first <= int(r["Rank"]) <= last}


def restrict(puzzles, allowed):
    """The puzzles (sorted 4-tuples) that are also in `allowed`, in their order: how training data is kept to
    a puzzle list such as the Tree-of-Thoughts ranks 1-900."""
    allowed = set(allowed)
    return [p for p in puzzles if p in allowed]


def question(puzzle, rng, shuffle_rate):
    """The prompt's numbers: ascending, as puzzle lists give them, sometimes shuffled for robustness."""
    nums = list(puzzle)
    if rng.random() < shuffle_rate:
        rng.shuffle(nums)
    return nums


def solving_choice(rng):
    def choose(nums, moves):
        good = [m for m in moves if g.solvable(m[4])]
        return rng.choice(good or moves)
    return choose


def random_choice(rng):
    return lambda nums, moves: rng.choice(moves)


def policy_trace(puzzle, rng, solve_rate, shuffle_rate=0.15):
    """A full policy training text: a solving trace with probability `solve_rate` (if the puzzle has a
    solution), otherwise a trace of uniformly random legal steps that usually ends away from 24."""
    q = question(puzzle, rng, shuffle_rate)
    solving = rng.random() < solve_rate and g.solvable(g.key(puzzle))
    lines, _ = g.play(q, solving_choice(rng) if solving else random_choice(rng))
    return g.prompt(q), lines


# ---------------------------------------------------------------- slips for the PRM

def _wrong_number(x: Fraction, rng) -> Fraction:
    """A plausible miscalculation of x: off by a little, or a digit-ish neighbour, never negative."""
    while True:
        if x.denominator == 1 or rng.random() < 0.5:
            y = x + rng.choice([-3, -2, -1, 1, 1, 2, 3, 10, -10])
        else:
            y = Fraction(x.numerator + rng.choice([-1, 1]), x.denominator)
        if y >= 0 and y != x:
            return y


def _substitute_number(text: str, puzzle_numbers, rng) -> str:
    """The answer expression with one number swapped: for another of the puzzle's numbers (so one is used
    twice and one never) or for a near miss, as a policy that rebuilds the expression from memory does."""
    spans = [m.span() for m in re.finditer(r"\d+", text)]
    start, end = rng.choice(spans)
    old = int(text[start:end])
    others = [n for n in puzzle_numbers if n != old]
    if others and rng.random() < 0.6:
        new = rng.choice(others)
    else:
        new = int(_wrong_number(Fraction(old), rng))
    return text[:start] + str(new) + text[end:]


def slipped_trace(puzzle, rng, shuffle_rate=0.15):
    """A trace with one deliberate mistake (wrong result, wrong `left:` list, a missing operand, or a
    wrong answer line); steps before it are solving or random, steps after it work on the wrong numbers."""
    q = question(puzzle, rng, shuffle_rate)
    guided = rng.random() < 0.5
    # 0..2: a step, 3: the answer line, weighted up because answer lines are where the policy slips most.
    slip_at = rng.choice([0, 1, 2, 3, 3])
    items = [(Fraction(n), g.Expr(Fraction(n))) for n in q]
    lines = []
    for k in range(3):
        nums = tuple(sorted(v for v, _ in items))
        moves = g.legal_moves(list(nums))
        good = [m for m in moves if g.solvable(m[4])]
        a, op, b, c, rest = rng.choice(good if guided and good else moves)
        ia = next(i for i, (v, _) in enumerate(items) if v == a)
        ea = items.pop(ia)[1]
        ib = next(i for i, (v, _) in enumerate(items) if v == b)
        eb = items.pop(ib)[1]
        if k == slip_at:
            kind = rng.choice(["result", "result", "left", "operand"])
            if kind == "result":
                c = _wrong_number(c, rng)
                rest_vals = sorted([v for v, _ in items] + [c])
            elif kind == "left":
                rest_vals = sorted([v for v, _ in items] + [c])
                if len(rest_vals) > 1 and rng.random() < 0.5:
                    rest_vals.pop(rng.randrange(len(rest_vals)))
                else:
                    i = rng.randrange(len(rest_vals))
                    rest_vals[i] = _wrong_number(rest_vals[i], rng)
                    rest_vals.sort()
            else:
                a = _wrong_number(a, rng)
                c2 = g.apply(a, op, b)
                c = c2 if c2 is not None and c2 >= 0 else c
                rest_vals = sorted([v for v, _ in items] + [c])
            lines.append(g.step_line(a, op, b, c, rest_vals))
            # Carry on from the numbers as written, as a reasoner that slipped would.
            expr_pool = [e for _, e in items] + [g.Expr(c, op, ea, eb)]
            items = [(v, expr_pool[i] if i < len(expr_pool) else g.Expr(v)) for i, v in enumerate(rest_vals)]
            if len(items) < 2:
                break
        else:
            items.append((c, g.Expr(c, op, ea, eb)))
            lines.append(g.step_line(a, op, b, c, rest))
        if len(items) == 1:
            break
    value, expr = items[0]
    text = str(expr)
    if slip_at == 3:
        kind = rng.choice(["value", "brackets", "operator", "number", "number", "number"])
        if kind == "number":
            text = _substitute_number(text, q, rng)
            value = g.TARGET
        elif kind == "value":
            value = g.TARGET if value != g.TARGET else _wrong_number(value, rng)
        elif kind == "brackets" and "(" in text:
            text = text.replace("(", "", 1).replace(")", "", 1)
        else:
            ops = [i for i, ch in enumerate(text) if ch in "+-*/" and text[i - 1] == " "]
            if ops:
                i = rng.choice(ops)
                text = text[:i] + rng.choice([o for o in "+-*/" if o != text[i]]) + text[i + 1:]
    lines.append(f"{g.ANSWER_PREFIX}{text} = {g.fmt(value)}")
    return g.prompt(q), lines


def synthetic_prm_trace(puzzle, rng, mix=(0.3, 0.4, 0.3)):
    """One PRM trace from the synthetic mix (solving, random legal, slipped), with its step labels."""
    r = rng.random()
    if r < mix[0]:
        p, lines = policy_trace(puzzle, rng, solve_rate=1.0)
    elif r < mix[0] + mix[1]:
        p, lines = policy_trace(puzzle, rng, solve_rate=0.0)
    else:
        p, lines = slipped_trace(puzzle, rng)
    return p, lines, g.label_lines(puzzle, lines)
