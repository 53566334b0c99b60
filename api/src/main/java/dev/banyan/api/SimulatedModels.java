package dev.banyan.api;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskRegistry;

import java.util.function.Supplier;

/**
 * The simulated policy and PRM of the model directory's task, tuned by the {@code "simulated"} object of
 * {@code banyan.json}; each task defines its own tunables.
 */
final class SimulatedModels {
    private SimulatedModels() {
    }

    static Part<Policy> policy(ModelConfig config) {
        TaskProvider provider = TaskRegistry.named(config.task());
        return Part.plain(tuned(config, () -> provider.simulatedPolicy(config.simulated(), config.directory())));
    }

    static Part<StepScorer> stepScorer(ModelConfig config) {
        TaskProvider provider = TaskRegistry.named(config.task());
        return Part.plain(tuned(config, () -> provider.simulatedPrm(config.simulated(), config.directory())));
    }

    /** Builds a model, turning a tunable out of range or a missing simulation into an error naming the file. */
    private static <T> T tuned(ModelConfig config, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            String message = e.getMessage();
            throw new ModelException(message.startsWith(config.file().toString()) ? message : config.file() + ": " + message);
        }
    }
}
