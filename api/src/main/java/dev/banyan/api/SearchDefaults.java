package dev.banyan.api;

import dev.banyan.search.AlgorithmSpec;

import java.util.Map;
import java.util.Objects;

/**
 * The search settings a model ships with, used wherever the caller sets none.
 *
 * @param algorithm the algorithm's command-line name, one of {@link dev.banyan.search.AlgorithmSpec#NAMES}
 * @param budgetTokens policy tokens per problem
 * @param maxStepTokens the longest step the policy may generate, in tokens
 * @param algorithmSettings per algorithm name, settings that override its paper defaults for this model
 */
public record SearchDefaults(String algorithm, long budgetTokens, int maxStepTokens,
                             Map<String, Map<String, Object>> algorithmSettings) {
    /** MCTS*, 2000 policy tokens, steps of at most 64 tokens, every algorithm with its paper's settings. */
    public static final SearchDefaults BUILT_IN = new SearchDefaults("mcts-star", 2000, 64, Map.of());

    public SearchDefaults {
        Objects.requireNonNull(algorithm, "algorithm");
        algorithmSettings = Map.copyOf(algorithmSettings);
        if (budgetTokens < 1) {
            throw new IllegalArgumentException("budgetTokens must be positive, was " + budgetTokens);
        }
        if (maxStepTokens < 1) {
            throw new IllegalArgumentException("maxStepTokens must be positive, was " + maxStepTokens);
        }
    }

    /** The algorithm with this name, with this model's settings for it. */
    public AlgorithmSpec spec(String name) {
        return AlgorithmSpec.parse(name, algorithmSettings.getOrDefault(name, Map.of()));
    }
}
