package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class Game24SolverTest {

    @Test
    void agreesWithTheBruteForceOracleOnRandomMultisets() {
        Game24Solver solver = new Game24Solver();
        SplittableRandom random = new SplittableRandom(24);
        int solvable = 0;
        for (int i = 0; i < 300; i++) {
            List<Fraction> numbers = randomMultiset(random);
            boolean expected = BruteForce.solvable(numbers);
            assertThat(solver.solvable(numbers)).as(numbers.toString()).isEqualTo(expected);
            solvable += expected ? 1 : 0;
        }
        // The sample must hold both kinds for the comparison to mean anything.
        assertThat(solvable).isBetween(30, 270);
    }

    @Test
    void solvesAsManyMultisetsOfOneToThirteenAsTheTreeOfThoughtsListHolds() {
        // The full Tree of Thoughts list (24.csv) has 1,362 puzzles: every solvable multiset of four numbers
        // from 1 to 13, out of C(16, 4) = 1,820.
        Game24Solver solver = new Game24Solver();
        int multisets = 0;
        int solvable = 0;
        for (int a = 1; a <= 13; a++) {
            for (int b = a; b <= 13; b++) {
                for (int c = b; c <= 13; c++) {
                    for (int d = c; d <= 13; d++) {
                        multisets++;
                        solvable += solver.solvable(fractions(a, b, c, d)) ? 1 : 0;
                    }
                }
            }
        }
        assertThat(multisets).isEqualTo(1820);
        assertThat(solvable).isEqualTo(1362);
    }

    @Test
    void handlesEdgeCases() {
        Game24Solver solver = new Game24Solver();
        assertThat(solver.solvable(List.of())).isFalse();
        assertThat(solver.solvable(List.of(Fraction.of(24)))).isTrue();
        assertThat(solver.solvable(List.of(Fraction.of(23)))).isFalse();
        assertThat(solver.solvable(fractions(3, 3, 8, 8))).isTrue();
        assertThat(solver.solvable(fractions(1, 1, 1, 1))).isFalse();
        assertThat(solver.solvable(List.of(Fraction.of(1, 3), Fraction.of(72)))).isTrue();
        assertThat(solver.solvable(fractions(0, 0, 0, 24))).isTrue();
    }

    @Test
    void everyBuiltInPuzzleIsSolvableAndItsSolutionVerifies() {
        Game24Solver solver = new Game24Solver();
        Game24Task task = new Game24Task();
        SimulatedPrm prm = SimulatedPrm.builder().solver(solver).build();
        for (Puzzle puzzle : Game24Puzzles.all()) {
            assertThat(solver.solvable(puzzle.fractions())).as(puzzle.question()).isTrue();
            List<String> steps = solver.solve(puzzle.fractions()).orElseThrow();
            ReasoningPath path = ReasoningPath.of(puzzle.question(), steps);
            assertThat(steps).hasSize(4);
            assertThat(task.isTerminal(path)).isTrue();
            assertThat(task.verifier().verify(path, null)).as(steps.toString()).isEqualTo(Verdict.CORRECT);
            // Every prefix is a right step that keeps 24 reachable.
            ReasoningPath prefix = ReasoningPath.of(puzzle.question());
            for (String step : steps) {
                prefix = prefix.extend(step);
                assertThat(prm.exactScore(prefix)).as(prefix.toString()).isEqualTo(1.0);
            }
        }
        // Four small numbers reach few distinct states: the memo stays small.
        assertThat(solver.memoised()).isLessThan(200_000);
    }

    @Test
    void solveWritesTheTreeOfThoughtsFormat() {
        List<String> steps = new Game24Solver().solve(fractions(3, 3, 8, 8)).orElseThrow();
        assertThat(steps).hasSize(4);
        for (String step : steps.subList(0, 3)) {
            assertThat(Step.parse(step).format()).isEqualTo(step);
        }
        assertThat(steps.get(2)).endsWith("= 24 (left: 24)");
        assertThat(steps.get(3)).startsWith("Answer: ").endsWith(" = 24");
    }

    @Test
    void solveFindsNothingForAnUnsolvableMultiset() {
        Game24Solver solver = new Game24Solver();
        assertThat(solver.solve(fractions(1, 1, 1, 1))).isEmpty();
        assertThat(solver.solve(List.of())).isEmpty();
        assertThat(solver.solve(fractions(24))).isEqualTo(Optional.of(List.of("Answer: 24 = 24")));
    }

    @Test
    void concurrentCallersAgreeWithASingleThread() throws Exception {
        SplittableRandom random = new SplittableRandom(99);
        List<List<Fraction>> multisets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            multisets.add(randomMultiset(random));
        }
        List<Boolean> expected = new ArrayList<>();
        Game24Solver reference = new Game24Solver();
        for (List<Fraction> numbers : multisets) {
            expected.add(reference.solvable(numbers));
        }
        Game24Solver shared = new Game24Solver();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Boolean>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> multisets.stream().map(shared::solvable).toList()));
            }
            for (Future<List<Boolean>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Mostly four numbers from 1 to 13, sometimes fewer, a zero, a negative or a fraction. */
    static List<Fraction> randomMultiset(SplittableRandom random) {
        int size = random.nextInt(10) == 0 ? random.nextInt(1, 4) : 4;
        List<Fraction> numbers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                numbers.add(Fraction.of(random.nextInt(1, 13), random.nextInt(2, 7)));
            } else if (kind == 1) {
                numbers.add(Fraction.of(random.nextInt(-13, 1)));
            } else {
                numbers.add(Fraction.of(random.nextInt(1, 14)));
            }
        }
        return numbers;
    }

    static List<Fraction> fractions(long... numbers) {
        List<Fraction> list = new ArrayList<>();
        for (long n : numbers) {
            list.add(Fraction.of(n));
        }
        return list;
    }
}
