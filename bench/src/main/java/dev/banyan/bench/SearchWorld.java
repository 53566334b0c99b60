package dev.banyan.bench;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.algo.BenchmarkHooks;
import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskRegistry;
import dev.banyan.search.tasks.TaskSettings;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;

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

    /** MCTS* with {@code spec} over this world; {@code guard} is {@code lockFree}, {@code unshared} or {@code globalLock}. */
    static BenchmarkHooks mctsStar(AlgorithmSpec.MctsStar spec, int threads, ExecutorService pool, String guard) {
        return new BenchmarkHooks(spec, threads, pool, globalLock(guard), TASK, POLICY, PRM, 64);
    }

    private static boolean globalLock(String guard) {
        return switch (guard) {
            case "lockFree", "unshared" -> false;
            case "globalLock" -> true;
            default -> throw new IllegalArgumentException("unknown guard " + guard);
        };
    }
}
