package dev.banyan.cli;

import dev.banyan.search.Policy;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepScore;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.game24.Game24Provider;
import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A test task, {@code faults}: Game of 24 with simulated models that fail on purpose, chosen by the question's
 * first number. {@code -1 …}: the policy's answer fails with an exception; {@code -2 …}: the policy throws an
 * {@link Error}; {@code -3 …}: the policy never answers; {@code -4 …}: the PRM scores every step NaN. Any other
 * question gets Game of 24's simulated models. Listed in the test classpath's
 * {@code META-INF/services/dev.banyan.search.tasks.TaskProvider}.
 */
public final class FaultyModels implements TaskProvider {
    private final Game24Provider game24 = new Game24Provider();

    @Override
    public String name() {
        return "faults";
    }

    @Override
    public String summary() {
        return "test only: Game of 24 whose simulated models fail on questions starting -1, -2, -3 or -4";
    }

    @Override
    public Task create(TaskSettings settings) {
        return game24.create(settings);
    }

    @Override
    public Policy simulatedPolicy(TaskSettings tunables, Path modelDirectory) {
        Policy healthy = game24.simulatedPolicy(tunables, modelDirectory);
        return request -> switch (fault(request.path().question())) {
            case "-1" -> CompletableFuture.failedFuture(new IllegalStateException("simulated: the policy's session failed"));
            case "-2" -> throw new OutOfMemoryError("simulated: the policy ran out of memory");
            case "-3" -> new CompletableFuture<List<StepProposal>>(); // never completes
            default -> healthy.propose(request);
        };
    }

    @Override
    public StepScorer simulatedPrm(TaskSettings tunables, Path modelDirectory) {
        StepScorer healthy = game24.simulatedPrm(tunables, modelDirectory);
        return paths -> fault(paths.get(0).question()).equals("-4")
                ? CompletableFuture.completedFuture(paths.stream().map(path -> new StepScore(Double.NaN, 1)).toList())
                : healthy.score(paths);
    }

    private static String fault(String question) {
        return question.strip().split("\\s+")[0];
    }
}
