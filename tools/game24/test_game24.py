"""Self-checks of the exact arithmetic and the trace format (python3 -m unittest test_game24)."""
import random
import unittest
from fractions import Fraction

import charvocab as cv
import data
import game24 as g
from train import example_text, prm_example


class Game24Test(unittest.TestCase):
    def test_solvable_count_matches_the_known_1362(self):
        self.assertEqual(sum(g.solvable(g.key(p)) for p in g.ALL_PUZZLES), 1362)

    def test_fraction_only_solution_is_found(self):
        self.assertTrue(g.solvable(g.key((3, 3, 8, 8))))
        self.assertFalse(g.solvable(g.key((1, 1, 1, 1))))

    def test_solving_trace_checks_out_step_by_step(self):
        rng = random.Random(0)
        for p in [q for q in g.ALL_PUZZLES if g.solvable(g.key(q))][:200]:
            prompt, lines = data.policy_trace(p, rng, solve_rate=1.0)
            self.assertEqual(g.label_lines(p, lines), [True] * 4, lines)
            self.assertTrue(g.solved(p, "\n".join(lines)))

    def test_random_trace_is_legal_and_answer_states_its_real_value(self):
        rng = random.Random(1)
        for p in g.ALL_PUZZLES[::7]:
            _, lines = data.policy_trace(p, rng, solve_rate=0.0)
            nums = g.key(p)
            for line in lines[:3]:
                nums = g.check_step(nums, line)
                self.assertIsNotNone(nums, line)
            expr, _, stated = lines[3][len(g.ANSWER_PREFIX):].rpartition(" = ")
            self.assertEqual(g.fmt(g.parse_expr(expr)[0]), stated)
            self.assertEqual(stated, g.fmt(nums[0]))

    def test_step_format(self):
        self.assertEqual(g.step_line(Fraction(3), "-", Fraction(8, 3), Fraction(1, 3), (Fraction(1, 3), 8)),
                         "3 - 8/3 = 1/3 (left: 1/3 8)")
        self.assertIsNotNone(g.check_step(g.key((4, 9, 10, 13)), "13 - 9 = 4 (left: 4 4 10)"))
        for slip in ["13 - 9 = 5 (left: 4 5 10)", "13 - 9 = 4 (left: 4 10 4)", "13 - 9 = 4 (left: 4 10)",
                     "12 - 9 = 3 (left: 3 4 10)", "9 - 13 = -4 (left: -4 4 10)", "13 - 9 = 8/2 (left: 4 4 10)"]:
            self.assertIsNone(g.check_step(g.key((4, 9, 10, 13)), slip), slip)

    def test_answer_check_needs_every_number_once_and_24(self):
        p = (4, 9, 10, 13)
        self.assertTrue(g.check_answer(p, "Answer: (13 - 9) * (10 - 4) = 24"))
        self.assertFalse(g.check_answer(p, "Answer: 13 - 9 * (10 - 4) = 24"))
        self.assertFalse(g.check_answer(p, "Answer: (13 - 9) * (10 - 4) = 25"))
        self.assertFalse(g.check_answer(p, "Answer: 4 * 6 = 24"))

    def test_minimal_brackets_keep_the_value(self):
        rng = random.Random(2)
        for p in g.ALL_PUZZLES[::11]:
            _, lines = data.policy_trace(p, rng, solve_rate=0.5)
            expr, _, stated = lines[3][len(g.ANSWER_PREFIX):].rpartition(" = ")
            self.assertEqual(g.fmt(g.parse_expr(expr)[0]), stated, lines[3])

    def test_slipped_traces_are_labelled_bad_from_the_slip_on(self):
        rng = random.Random(3)
        for p in g.ALL_PUZZLES[::13]:
            _, lines = data.slipped_trace(p, rng)
            labels = g.label_lines(p, lines)
            self.assertFalse(all(labels), lines)

    def test_prm_tags_sit_after_each_line(self):
        ids, _, targets = prm_example("Input: 1 2\nSteps:\n", ["1 # 2 = 3 (left: 3)", "Answer: 1 + 2 = 3"],
                                      [True, False])
        self.assertEqual(example_text(ids, None, targets), "Input: 1 2\nSteps:\n1 # 2 = 3 (left: 3) +\nAnswer: 1 + 2 = 3 -\n")
        self.assertEqual(sum(t >= 0 for t in targets), 2)

    def test_every_trace_character_is_in_the_vocabulary(self):
        rng = random.Random(4)
        for p in g.ALL_PUZZLES[::5]:
            prompt, lines = data.slipped_trace(p, rng)
            self.assertNotIn(cv.UNK_ID, cv.encode(prompt + "\n".join(lines)))


if __name__ == "__main__":
    unittest.main()
