"""Exact Game-of-24 arithmetic: legal steps, solvability, trace text, and a checker for written traces.

Numbers are fractions.Fraction throughout, so 8 / (3 - 8 / 3) = 24 is found and checked exactly.
The trace text follows the Tree-of-Thoughts layout (one step per line, remaining numbers in brackets).
"""
from fractions import Fraction
from functools import lru_cache
import itertools
import re

TARGET = Fraction(24)
OPS = "+-*/"
PROMPT_TEMPLATE = "Input: {question}\nSteps:\n"
ANSWER_PREFIX = "Answer: "


def fmt(x: Fraction) -> str:
    """Integers as `n`, others as `n/d` in lowest terms (never negative in a legal trace)."""
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def fmt_left(nums) -> str:
    return " ".join(fmt(x) for x in sorted(nums))


def prompt(puzzle) -> str:
    return PROMPT_TEMPLATE.format(question=" ".join(str(n) for n in puzzle))


def apply(a: Fraction, op: str, b: Fraction):
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return None if b == 0 else a / b
    raise ValueError(f"unknown operator {op!r}")


def legal_moves(nums):
    """All distinct legal steps (a, op, b, result, rest) from a multiset of numbers.

    Commutative operators are written smaller operand first; subtraction is larger minus smaller, so no
    result is negative; division by zero is skipped. Steps that read the same are listed once.
    """
    seen = set()
    moves = []
    for i, j in itertools.combinations(range(len(nums)), 2):
        x, y = sorted((nums[i], nums[j]))
        rest = [n for k, n in enumerate(nums) if k not in (i, j)]
        for a, op, b in ((x, "+", y), (x, "*", y), (y, "-", x), (x, "/", y), (y, "/", x)):
            c = apply(a, op, b)
            if c is None or (a, op, b) in seen:
                continue
            seen.add((a, op, b))
            moves.append((a, op, b, c, tuple(sorted(rest + [c]))))
    return moves


@lru_cache(maxsize=None)
def solvable(nums: tuple) -> bool:
    """Whether the sorted tuple of numbers can still reach 24 with legal steps."""
    if len(nums) == 1:
        return nums[0] == TARGET
    return any(solvable(m[4]) for m in legal_moves(list(nums)))


def key(nums) -> tuple:
    return tuple(sorted(Fraction(n) for n in nums))


# ---------------------------------------------------------------- expressions

class Expr:
    """A binary expression tree over the puzzle's numbers, printed with only the brackets it needs."""
    PREC = {"+": 1, "-": 1, "*": 2, "/": 2}

    def __init__(self, value, op=None, left=None, right=None):
        self.value, self.op, self.left, self.right = value, op, left, right

    def prec(self):
        return 3 if self.op is None else self.PREC[self.op]

    def __str__(self):
        if self.op is None:
            return fmt(self.value)
        p = self.PREC[self.op]
        ls, rs = str(self.left), str(self.right)
        if self.left.prec() < p:
            ls = f"({ls})"
        if self.right.prec() < p or (self.right.prec() == p and self.op in "-/"):
            rs = f"({rs})"
        return f"{ls} {self.op} {rs}"


_TOKEN = re.compile(r"\s*(\d+|[-+*/()])")


def parse_expr(text: str):
    """Evaluate an answer expression; returns (value, leaves) or None when it does not parse."""
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            return None
        tokens.append(m.group(1))
        pos = m.end()
    leaves = []
    i = 0

    def peek():
        return tokens[i] if i < len(tokens) else None

    def atom():
        nonlocal i
        t = peek()
        if t is None:
            raise ValueError
        i += 1
        if t == "(":
            v = additive()
            if peek() != ")":
                raise ValueError
            i += 1
            return v
        if not t.isdigit():
            raise ValueError
        leaves.append(int(t))
        return Fraction(int(t))

    def term():
        nonlocal i
        v = atom()
        while peek() in ("*", "/"):
            op = peek()
            i += 1
            w = atom()
            if op == "/" and w == 0:
                raise ZeroDivisionError
            v = v * w if op == "*" else v / w
        return v

    def additive():
        nonlocal i
        v = term()
        while peek() in ("+", "-"):
            op = peek()
            i += 1
            w = term()
            v = v + w if op == "+" else v - w
        return v

    try:
        v = additive()
    except (ValueError, ZeroDivisionError):
        return None
    if i != len(tokens):
        return None
    return v, sorted(leaves)


# ---------------------------------------------------------------- traces

def step_line(a, op, b, c, rest) -> str:
    return f"{fmt(a)} {op} {fmt(b)} = {fmt(c)} (left: {fmt_left(rest)})"


def answer_line(expr: Expr, value: Fraction) -> str:
    return f"{ANSWER_PREFIX}{expr} = {fmt(value)}"


def play(puzzle, choose):
    """Play a whole trace, `choose(nums, moves)` picking each step; returns (lines, final value).

    Each number carries its expression, so the answer line spells out the steps actually taken.
    """
    items = [(Fraction(n), Expr(Fraction(n))) for n in puzzle]
    lines = []
    while len(items) > 1:
        nums = tuple(sorted(v for v, _ in items))
        a, op, b, c, rest = choose(nums, legal_moves(list(nums)))
        ia = next(k for k, (v, _) in enumerate(items) if v == a)
        ea = items.pop(ia)[1]
        ib = next(k for k, (v, _) in enumerate(items) if v == b)
        eb = items.pop(ib)[1]
        items.append((c, Expr(c, op, ea, eb)))
        lines.append(step_line(a, op, b, c, rest))
    value, expr = items[0]
    lines.append(answer_line(expr, value))
    return lines, value


# ---------------------------------------------------------------- checking written traces

_NUM = r"\d+(?:/\d+)?"
_STEP = re.compile(rf"^({_NUM}) ([-+*/]) ({_NUM}) = ({_NUM}) \(left: ({_NUM}(?: {_NUM})*)\)$")


def parse_num(text: str):
    """A canonical number (`n` or `n/d` in lowest terms, d > 1); None for anything else."""
    if "/" in text:
        n, d = text.split("/")
        if int(d) == 0:
            return None
        x = Fraction(int(n), int(d))
    else:
        x = Fraction(int(text))
    return x if fmt(x) == text else None


def check_step(nums, line):
    """Whether `line` is an arithmetically right, legal step from the multiset `nums`.

    Returns the numbers left after it (a sorted tuple) or None. The operands must be present, the result
    exact and non-negative, and the `left:` list exactly the remaining numbers in ascending order.
    """
    m = _STEP.match(line)
    if not m:
        return None
    a, b, c = parse_num(m.group(1)), parse_num(m.group(3)), parse_num(m.group(4))
    if a is None or b is None or c is None:
        return None
    if apply(a, m.group(2), b) != c:
        return None
    pool = list(nums)
    for x in (a, b):
        if x not in pool:
            return None
        pool.remove(x)
    rest = tuple(sorted(pool + [c]))
    if m.group(5) != fmt_left(rest):
        return None
    return rest


def check_answer(puzzle, line) -> bool:
    """Whether an answer line is a right 24: uses each puzzle number once, evaluates to 24, and says `= 24`."""
    if not line.startswith(ANSWER_PREFIX) or " = " not in line:
        return False
    expr, _, stated = line[len(ANSWER_PREFIX):].rpartition(" = ")
    parsed = parse_expr(expr)
    return (parsed is not None and stated == "24" and parsed[0] == TARGET
            and parsed[1] == sorted(int(n) for n in puzzle))


def label_lines(puzzle, lines):
    """Step-level labels (True = good) for the lines written after the prompt.

    A step is good iff every step so far is right and the numbers it leaves can still reach 24; an answer
    line is good iff it is a right 24. Anything after a wrong line, or an unreadable line, is bad.
    """
    labels = []
    nums = key(puzzle)
    ok = True
    for line in lines:
        if line.startswith(ANSWER_PREFIX):
            labels.append(check_answer(puzzle, line))
            ok = False
            continue
        rest = check_step(nums, line) if ok else None
        ok = rest is not None
        nums = rest if ok else nums
        labels.append(ok and solvable(rest))
    return labels


def solved(puzzle, text: str) -> bool:
    """Outcome check of a whole written trace: some `Answer:` line is a right 24 (the first one counts)."""
    for line in text.split("\n"):
        if line.startswith(ANSWER_PREFIX):
            return check_answer(puzzle, line)
    return False


ALL_PUZZLES = [tuple(p) for p in itertools.combinations_with_replacement(range(1, 14), 4)]
