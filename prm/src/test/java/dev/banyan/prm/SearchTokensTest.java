package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.game24.Game24Puzzles;
import dev.banyan.search.game24.Game24Task;
import dev.banyan.search.game24.Puzzle;
import dev.banyan.search.game24.SimulatedPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * MCTS* on the simulated Game of 24 with the step-tag fixture as its PRM: the search's tree shapes decide which
 * paths are scored, and the PRM's counters say what that cost. The benchmark ({@code PrmTokensBenchmark}) runs
 * the same comparison over more puzzles.
 */
class SearchTokensTest {
    private static final Budget BUDGET = new Budget(1_500, 40, Duration.ofSeconds(30));

    /** Searches puzzles 1-5; returns the PRM tokens the searches were charged. */
    private static long search(PrmEngine prm) {
        long charged = 0;
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(0.5).build();
        try (Searcher searcher = Searcher.builder().task(new Game24Task()).policy(policy).stepScorer(prm)
                .algorithm(AlgorithmSpec.MctsStar.defaults()).budget(BUDGET).seed(1).build()) {
            for (Puzzle puzzle : Game24Puzzles.range(1, 5)) {
                SearchResult result = searcher.search(puzzle.question(), null);
                charged += result.stats().prmTokens();
            }
        }
        return charged;
    }

    @Test
    void incrementalScoringRunsAtMostATenthMoreThanTheNewStepsTokens() {
        try (PrmEngine incremental = PrmEngine.builder(Fixtures.dir(Fixtures.STEP_TAG)).intraOpThreads(1).build();
             PrmEngine full = PrmEngine.builder(Fixtures.dir(Fixtures.STEP_TAG)).intraOpThreads(1).incremental(false).build()) {
            long charged = search(incremental);
            long chargedFull = search(full);
            PrmStats fast = incremental.stats();
            PrmStats slow = full.stats();
            System.out.printf("PRM tokens per new step token over MCTS* on puzzles 1-5: incremental %.3f, full %.3f%n",
                    fast.tokensPerStepToken(), slow.tokensPerStepToken());
            assertThat(charged).as("the searches were charged exactly the tokens run").isEqualTo(fast.tokensProcessed());
            assertThat(chargedFull).isEqualTo(slow.tokensProcessed());
            assertThat(fast.stepTokens()).as("the same paths were scored").isEqualTo(slow.stepTokens()).isPositive();
            assertThat(fast.tokensPerStepToken()).isLessThanOrEqualTo(1.1);
            assertThat(slow.tokensPerStepToken()).isGreaterThan(2);
        }
    }
}
