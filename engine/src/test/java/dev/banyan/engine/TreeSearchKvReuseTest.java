package dev.banyan.engine;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.Searcher;
import dev.banyan.search.game24.Game24Task;
import dev.banyan.search.game24.SimulatedPrm;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KV cache over a real tree search: MCTS* on Game-of-24 prompts with the engine as its policy. Every
 * expansion continues from its parent's context, which the engine generated and cached, so with the default
 * cache budget almost nothing of a prefix is computed twice.
 */
class TreeSearchKvReuseTest {
    @Test
    void withTheDefaultBudgetAtMostTwoPercentOfPrefixTokensAreRecomputed() {
        try (PolicyEngine engine = PolicyEngine.builder(Fixtures.dir(Fixtures.LLAMA)).intraOpThreads(1).build();
             Searcher searcher = Searcher.builder().task(new Game24Task()).policy(engine)
                     .stepScorer(SimulatedPrm.exact()).algorithm(AlgorithmSpec.MctsStar.defaults().faithful())
                     .budget(new Budget(Long.MAX_VALUE, 25, Duration.ofMinutes(2))).maxStepTokens(24).seed(3).build()) {
            for (String puzzle : new String[] {"4 9 10 13", "1 1 4 6", "2 7 8 9"}) {
                searcher.search(puzzle, null);
            }
            PolicyStats stats = engine.stats();
            long needed = stats.prefixTokensReused() + stats.prefixTokensRecomputed() + stats.prefixTokensFirstRun();
            System.out.printf("KV reuse over MCTS*: %d context tokens needed, %d reused, %d recomputed (%.2f%%),"
                            + " %d run for the first time; %d requests, %d evictions%n", needed,
                    stats.prefixTokensReused(), stats.prefixTokensRecomputed(), 100 * stats.prefixRecomputedShare(),
                    stats.prefixTokensFirstRun(), stats.requests(), stats.cacheEvictions());
            assertThat(stats.prefixTokensReused()).isGreaterThan(needed / 2);
            assertThat(stats.prefixRecomputedShare()).isLessThanOrEqualTo(0.02);
        }
    }

    @Test
    void aTinyBudgetEvictsAndTheRecomputationIsCounted() {
        try (PolicyEngine engine = PolicyEngine.builder(Fixtures.dir(Fixtures.LLAMA)).intraOpThreads(1)
                .cacheBytes(64 * 1024).build();
             Searcher searcher = Searcher.builder().task(new Game24Task()).policy(engine)
                     .stepScorer(SimulatedPrm.exact()).algorithm(AlgorithmSpec.MctsStar.defaults().faithful())
                     .budget(new Budget(Long.MAX_VALUE, 25, Duration.ofMinutes(2))).maxStepTokens(24).seed(3).build()) {
            searcher.search("4 9 10 13", null);
            PolicyStats stats = engine.stats();
            assertThat(stats.cacheEvictions()).isPositive();
            assertThat(stats.prefixRecomputedShare()).isGreaterThan(0.02);
        }
    }
}
