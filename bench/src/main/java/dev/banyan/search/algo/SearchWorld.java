package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.game24.Game24Task;
import dev.banyan.search.game24.SimulatedPolicy;
import dev.banyan.search.game24.SimulatedPrm;

import java.time.Duration;

/** The simulated Game of 24 the search benchmarks run on: zero-cost policy and exact PRM. */
final class SearchWorld {
    /** Never stops early, so every search runs its whole simulation budget. */
    static final AlgorithmSpec.MctsStar NO_EARLY_STOP = new AlgorithmSpec.MctsStar(
            0.4, 0.9, 3, 1, 3, 0.5, 2.0, AlgorithmSpec.AnswerMode.BEST_VALUE, 0.1, 12, true, false);

    static final Game24Task TASK = new Game24Task();
    static final SimulatedPolicy POLICY = SimulatedPolicy.builder().solvableLean(0.5).slipRate(0.05).build();
    static final SimulatedPrm PRM = SimulatedPrm.builder().noise(0.2).build();

    private SearchWorld() {
    }

    static SearchRun newRun(String question, long simulations, long seed) {
        Budget budget = new Budget(Long.MAX_VALUE, simulations, Duration.ofMinutes(10));
        return new SearchRun(TASK, POLICY, PRM, null, budget, seed, 64, question);
    }

    static TreeGuard guard(String name) {
        return switch (name) {
            case "lockFree", "unshared" -> TreeGuard.NONE;
            case "globalLock" -> TreeGuard.globalLock();
            default -> throw new IllegalArgumentException("unknown guard " + name);
        };
    }
}
