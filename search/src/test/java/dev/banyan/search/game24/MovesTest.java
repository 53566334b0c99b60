package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MovesTest {

    @Test
    void listsEachDistinctStepOnceAndNoNegativeResult() {
        List<Step> steps = Moves.nonNegative(Game24SolverTest.fractions(4, 4, 10));
        assertThat(steps).extracting(Step::format).doesNotHaveDuplicates().contains(
                "4 + 4 = 8 (left: 8 10)", "4 - 4 = 0 (left: 0 10)", "4 / 4 = 1 (left: 1 10)",
                "10 - 4 = 6 (left: 4 6)", "10 / 4 = 5/2 (left: 5/2 4)", "4 / 10 = 2/5 (left: 2/5 4)");
        // Pairs {4, 4} and {4, 10}: 4 distinct steps for the first (both divisions agree), 5 for the second.
        assertThat(steps).hasSize(9).allSatisfy(step -> {
            assertThat(step.isArithmeticRight()).isTrue();
            assertThat(step.result().signum()).isNotNegative();
        });
        assertThat(Moves.all(Game24SolverTest.fractions(4, 4, 10))).hasSize(10)
                .last().extracting(Step::format).isEqualTo("4 - 10 = -6 (left: -6 4)");
        assertThat(Moves.nonNegative(Game24SolverTest.fractions(0, 5))).extracting(Step::format)
                .containsExactly("5 + 0 = 5 (left: 5)", "5 - 0 = 5 (left: 5)", "5 * 0 = 0 (left: 0)", "0 / 5 = 0 (left: 0)");
    }

    /**
     * Why the simulated policy may skip negative results: from every solvable state reachable from a puzzle
     * of numbers 1 to 13, some step with a non-negative result keeps 24 reachable.
     */
    @Test
    void nonNegativeStepsSufficeForEverySolvableStateOfEveryPuzzle() {
        Game24Solver solver = new Game24Solver();
        Set<List<Fraction>> seen = new HashSet<>();
        Deque<List<Fraction>> pending = new ArrayDeque<>();
        for (int a = 1; a <= 13; a++) {
            for (int b = a; b <= 13; b++) {
                for (int c = b; c <= 13; c++) {
                    for (int d = c; d <= 13; d++) {
                        List<Fraction> puzzle = Game24SolverTest.fractions(a, b, c, d);
                        if (solver.solvable(puzzle) && seen.add(puzzle)) {
                            pending.add(puzzle);
                        }
                    }
                }
            }
        }
        while (!pending.isEmpty()) {
            List<Fraction> state = pending.pop();
            boolean progressed = false;
            for (Step step : Moves.nonNegative(state)) {
                if (solver.solvable(step.remaining())) {
                    progressed = true;
                    if (step.remaining().size() > 1 && seen.add(step.remaining())) {
                        pending.add(step.remaining());
                    }
                }
            }
            assertThat(progressed).as("%s", state).isTrue();
        }
        assertThat(seen).hasSizeGreaterThan(1362);
    }
}
