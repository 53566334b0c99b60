package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskRegistry;
import dev.banyan.search.tasks.TaskSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The simulated Game of 24 the search benchmarks run on: zero-cost policy and exact PRM. */
final class SearchWorld {
    /** Never stops early, so every search runs its whole simulation budget. */
    static final AlgorithmSpec.MctsStar NO_EARLY_STOP = new AlgorithmSpec.MctsStar(
            0.4, 0.9, 3, 1, 3, 0.5, 2.0, AlgorithmSpec.AnswerMode.BEST_VALUE, 0.1, 12, true, false);

    private static final TaskProvider GAME24 = TaskRegistry.named("game24");
    static final Task TASK = GAME24.create(TaskSettings.empty("the benchmark"));
    static final Policy POLICY = GAME24.simulatedPolicy(
            TaskSettings.of("the benchmark", Map.of("solvableLean", 0.5, "slipRate", 0.05)), Path.of("."));
    static final StepScorer PRM = GAME24.simulatedPrm(TaskSettings.of("the benchmark", Map.of("prmNoise", 0.2)), Path.of("."));

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
