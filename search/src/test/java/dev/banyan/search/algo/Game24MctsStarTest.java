package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.Verdict;
import dev.banyan.search.game24.Game24Task;
import dev.banyan.search.game24.Puzzle;
import dev.banyan.search.game24.SimulatedPolicy;
import dev.banyan.search.game24.SimulatedPrm;
import dev.banyan.search.game24.TotPuzzles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCTS* on the simulated Game of 24 over all 900 Tree-of-Thoughts puzzles, with the exact PRM, no slips and a
 * policy that leans toward still-solvable steps half the time. The thresholds were measured on Tree of
 * Thoughts' ranks, read from the shared data folder ({@link TotPuzzles}): skipped where it is absent.
 */
class Game24MctsStarTest {
    /** The stated budget: 1,500 policy tokens per puzzle (about 60 proposed steps), at most 200 simulations. */
    static final Budget BUDGET = new Budget(1_500, 200, Duration.ofSeconds(30));

    static double solveRate(AlgorithmSpec spec, List<Puzzle> puzzles, int threads) {
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(0.5).slipRate(0).build();
        int solved = 0;
        try (Searcher searcher = Searcher.builder().task(new Game24Task()).policy(policy)
                .stepScorer(SimulatedPrm.exact()).algorithm(spec).budget(BUDGET).threads(threads).seed(1).build()) {
            for (Puzzle puzzle : puzzles) {
                SearchResult result = searcher.search(puzzle.question(), null);
                if (threads > 1) {
                    TreeInvariants.check(result.tree());
                }
                if (result.verdict() == Verdict.CORRECT) {
                    solved++;
                }
            }
        }
        return solved / (double) puzzles.size();
    }

    @Test
    void mctsStarWithWideningSolvesAtLeast95PercentOfPuzzles1To900() {
        double rate = solveRate(AlgorithmSpec.MctsStar.defaults(), TotPuzzles.all(), 1);
        System.out.printf("MCTS* (widening) on puzzles 1-900, exact PRM, lean 0.5: %.1f%%%n", 100 * rate);
        assertThat(rate).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void concurrentSearchSolvesAsWellAndKeepsTheInvariants() {
        List<Puzzle> hardest = TotPuzzles.range(800, 900);
        double rate = solveRate(AlgorithmSpec.MctsStar.defaults(), hardest, 4);
        assertThat(rate).isGreaterThanOrEqualTo(0.9);
    }
}
