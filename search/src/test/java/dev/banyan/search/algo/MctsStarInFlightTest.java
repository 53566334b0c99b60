package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.Policy;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.StepScorer;
import dev.banyan.search.TreeNode;
import dev.banyan.search.Verdict;
import dev.banyan.search.game24.Game24Task;
import dev.banyan.search.game24.SimulatedPolicy;
import dev.banyan.search.game24.SimulatedPrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCTS* with many simulations in flight per thread ({@code inFlight}): each thread gathers leaves under virtual
 * loss and asks the models for all of them before it waits for any. With models that answer late, on other
 * threads, the tree's invariants hold once quiescent, no node is expanded twice, the budget holds, and the
 * models do see many calls at once.
 */
class MctsStarInFlightTest {
    private static final Budget BUDGET = new Budget(Long.MAX_VALUE, 150, Duration.ofSeconds(60));

    private static AlgorithmSpec.MctsStar spec(int inFlight) {
        return new AlgorithmSpec.MctsStar(0.4, 0.9, 3, 1, 3, 0.5, 0.9, AlgorithmSpec.AnswerMode.BEST_VALUE, 0.1, 12,
                true, false).withInFlight(inFlight);
    }

    @ParameterizedTest(name = "{0} threads, {1} in flight")
    @CsvSource({"1, 8", "2, 8", "4, 16", "1, 64"})
    void lateModelsKeepEveryInvariant(int threads, int inFlight) {
        ToyWorld world = new ToyWorld(4).withNoisyPrm();
        Concurrency policyCalls = new Concurrency();
        SearchResult result;
        try (LateModels late = new LateModels(threads * 31L + inFlight, 10);
             Searcher searcher = Searcher.builder().task(world.task())
                     .policy(policyCalls.count(late.policy(world.policy()))).stepScorer(late.scorer(world.scorer()))
                     .algorithm(spec(inFlight)).budget(BUDGET).threads(threads).seed(inFlight).build()) {
            result = searcher.search("19", null);
        }

        TreeInvariants.check(result.tree());
        assertThat(result.tree().root().visits()).as("every claimed simulation made one visit")
                .isEqualTo(result.stats().simulations());
        assertThat(result.stats().simulations()).isLessThanOrEqualTo(BUDGET.simulations());
        assertThat(world.duplicateRequests).as("a node was expanded twice").hasValue(0);
        for (TreeNode view : result.tree().nodes()) {
            Node node = (Node) view;
            if (node.isTerminal()) {
                assertThat(node.valueAcquire()).as("V of terminal %s", node)
                        .isEqualTo(node.prmScore() * PathScore.product(node.parent()));
            }
        }
        assertThat(policyCalls.most.get()).as("policy calls in flight at once").isGreaterThan(threads);
    }

    /**
     * One thread, many in flight, on the simulated Game of 24: the search still solves, and batches its calls (with
     * the ramp off: these searches end early, before a ramp would let a gathering take four leaves).
     */
    @Test
    void oneThreadKeepsManyCallsInFlightAndStillSolves() {
        Concurrency policyCalls = new Concurrency();
        Concurrency prmCalls = new Concurrency();
        int solved = 0;
        String[] puzzles = {"4 9 10 13", "1 4 8 8", "2 3 5 12", "3 3 8 8", "1 5 5 5", "6 6 6 6"};
        try (LateModels late = new LateModels(5, 3);
             Searcher searcher = Searcher.builder().task(new Game24Task())
                     .policy(policyCalls.count(late.policy(SimulatedPolicy.builder().build())))
                     .stepScorer(prmCalls.count(late.scorer(SimulatedPrm.builder().build())))
                     .algorithm(AlgorithmSpec.MctsStar.defaults().withInFlight(16).withInFlightRamp(0))
                     .budget(new Budget(3000, 300, Duration.ofSeconds(60))).seed(2).build()) {
            for (String puzzle : puzzles) {
                SearchResult result = searcher.search(puzzle, null);
                TreeInvariants.check(result.tree());
                if (result.verdict() == Verdict.CORRECT) {
                    solved++;
                }
            }
        }
        assertThat(solved).isGreaterThanOrEqualTo(puzzles.length - 1);
        assertThat(policyCalls.most.get()).isGreaterThanOrEqualTo(4);
        assertThat(prmCalls.most.get()).isGreaterThanOrEqualTo(4);
    }

    /**
     * The ramp: a gathering takes one leaf per {@code inFlightRamp} simulations made so far, so a search's first
     * simulations go one at a time; with the ramp off the first gatherings already take several.
     */
    @Test
    void theFirstSimulationsGoOneAtATimeUnderTheRamp() {
        assertThat(mostPolicyCallsAtOnce(4)).isEqualTo(1);
        assertThat(mostPolicyCallsAtOnce(0)).isGreaterThan(1);
    }

    private static int mostPolicyCallsAtOnce(int ramp) {
        AlgorithmSpec.MctsStar spec = AlgorithmSpec.MctsStar.defaults().withInFlight(16).withInFlightRamp(ramp);
        Concurrency policyCalls = new Concurrency();
        try (LateModels late = new LateModels(7, 3);
             Searcher searcher = Searcher.builder().task(new Game24Task())
                     .policy(policyCalls.count(late.policy(SimulatedPolicy.builder().build())))
                     .stepScorer(SimulatedPrm.builder().build())
                     .algorithm(spec).budget(new Budget(100_000, 7, Duration.ofSeconds(30))).seed(3).build()) {
            TreeInvariants.check(searcher.search("4 9 10 13", null).tree());
        }
        return policyCalls.most.get();
    }

    /** A token budget holds with many calls in flight on one thread: at most one call's reservation over it. */
    @Test
    void tokenBudgetHoldsWithManyCallsInFlight() {
        int maxStepTokens = 24;
        try (LateModels late = new LateModels(9, 3);
             Searcher searcher = Searcher.builder().task(new Game24Task())
                     .policy(late.policy(SimulatedPolicy.builder().solvableLean(0).slipRate(0.3).build()))
                     .stepScorer(SimulatedPrm.builder().noise(0.5).build())
                     .algorithm(AlgorithmSpec.MctsStar.defaults().withInFlight(32))
                     .budget(new Budget(500, Long.MAX_VALUE, Duration.ofSeconds(30))).maxStepTokens(maxStepTokens)
                     .seed(4).build()) {
            for (String puzzle : new String[] {"1 1 1 1", "4 9 10 13"}) {
                SearchResult result = searcher.search(puzzle, null);
                assertThat(result.stats().policyTokens()).isLessThanOrEqualTo(500 + 3L * maxStepTokens);
                TreeInvariants.check(result.tree());
            }
        }
    }

    /** Counts the calls a model has started and not yet answered, and the most at once. */
    private static final class Concurrency {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        Policy count(Policy inner) {
            return request -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                return inner.propose(request).whenComplete((answer, failure) -> now.decrementAndGet());
            };
        }

        StepScorer count(StepScorer inner) {
            return paths -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                return inner.score(paths).whenComplete((answer, failure) -> now.decrementAndGet());
            };
        }
    }
}
