package dev.banyan.api;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.game24.SimulatedPolicy;
import dev.banyan.search.game24.SimulatedPrm;

/**
 * The simulated policy and PRM of a task, tuned by the {@code "simulated"} object of {@code banyan.json}:
 * {@code solvableLean} and {@code slipRate} for the policy, {@code prmNoise} and {@code prmSeed} for the PRM.
 */
final class SimulatedModels {
    private SimulatedModels() {
    }

    static Part<Policy> policy(ModelConfig config) {
        requireGame24(config);
        SimulatedPolicy defaults = SimulatedPolicy.builder().build();
        return Part.plain(tuned(config, () -> SimulatedPolicy.builder()
                .solvableLean(config.tunable("solvableLean", defaults.solvableLean()))
                .slipRate(config.tunable("slipRate", defaults.slipRate()))
                .build()));
    }

    static Part<StepScorer> stepScorer(ModelConfig config) {
        requireGame24(config);
        return Part.plain(tuned(config, () -> SimulatedPrm.builder()
                .noise(config.tunable("prmNoise", 0.0))
                .seed((long) config.tunable("prmSeed", 0))
                .build()));
    }

    private static void requireGame24(ModelConfig config) {
        if (!"game24".equals(config.task())) {
            throw new ModelException(config.file() + ": simulated models exist only for the task game24, not "
                    + config.task());
        }
    }

    /** Builds a model, turning a tunable out of range into an error that names the file. */
    private static <T> T tuned(ModelConfig config, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ModelException(config.file() + ": \"simulated\": " + e.getMessage());
        }
    }
}
