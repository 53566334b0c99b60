package dev.banyan.search.algo;

import dev.banyan.search.Aggregation;
import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.Policy;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.game24.Game24Task;
import dev.banyan.search.game24.SimulatedPolicy;
import dev.banyan.search.game24.SimulatedPrm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token budget holds under any thread count: at most one policy call's reservation over it. Before, 64
 * threads all passed the budget check before any of them was charged ({@code search --threads 64} spent 1,780
 * simulated policy tokens of 500).
 */
class BudgetHoldsTest {
    private static final int MAX_STEP_TOKENS = 24;
    private static final long BUDGET = 500;
    /** The widest single policy call of these algorithms: best-of-N and self-consistency ask for 16 at once. */
    private static final int WIDEST_CALL = 16;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (AlgorithmSpec spec : new AlgorithmSpec[] {AlgorithmSpec.MctsStar.defaults(),
                AlgorithmSpec.MctsStar.defaults().withInFlight(16), new AlgorithmSpec.Beam(3, 3,
                Aggregation.LAST), new AlgorithmSpec.SelfConsistency(16), new AlgorithmSpec.Greedy()}) {
            for (int threads : new int[] {1, 8, 64}) {
                cases.add(Arguments.of(spec, threads));
            }
        }
        return cases.build();
    }

    /** The policy answering 3 ms late on another thread, as a real model does: calls overlap in time. */
    private static Policy late(Policy policy) {
        return request -> policy.propose(request).thenApplyAsync(proposals -> proposals,
                CompletableFuture.delayedExecutor(3, TimeUnit.MILLISECONDS));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void policyTokensStayWithinOneCallOfTheBudget(AlgorithmSpec spec, int threads) {
        Budget budget = new Budget(BUDGET, Long.MAX_VALUE, Duration.ofSeconds(30));
        try (Searcher searcher = Searcher.builder().task(new Game24Task())
                .policy(late(SimulatedPolicy.builder().solvableLean(0.0).slipRate(0.3).build()))
                .stepScorer(SimulatedPrm.builder().noise(0.5).build()).algorithm(spec).budget(budget)
                .threads(threads).maxStepTokens(MAX_STEP_TOKENS).seed(3).build()) {
            for (String question : new String[] {"1 1 1 1", "4 9 10 13", "1 2 3 4"}) {
                SearchResult result = searcher.search(question, null);

                assertThat(result.stats().policyTokens()).as(spec.name() + " x" + threads + " on " + question)
                        .isLessThanOrEqualTo(BUDGET + (long) WIDEST_CALL * MAX_STEP_TOKENS);
                assertThat(result.stats().policyTokensOverBudget()).as("the overshoot, reported")
                        .isEqualTo(Math.max(0, result.stats().policyTokens() - BUDGET));
            }
        }
    }
}
