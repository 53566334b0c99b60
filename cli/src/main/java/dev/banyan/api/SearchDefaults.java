package dev.banyan.api;

import java.util.Objects;

/**
 * The search settings a model ships with, used wherever the caller sets none.
 *
 * @param algorithm the algorithm's command-line name, one of {@link dev.banyan.search.AlgorithmSpec#NAMES}
 * @param budgetTokens policy tokens per problem
 * @param maxStepTokens the longest step the policy may generate, in tokens
 */
public record SearchDefaults(String algorithm, long budgetTokens, int maxStepTokens) {
    /** MCTS*, 2000 policy tokens, steps of at most 64 tokens. */
    public static final SearchDefaults BUILT_IN = new SearchDefaults("mcts-star", 2000, 64);

    public SearchDefaults {
        Objects.requireNonNull(algorithm, "algorithm");
        if (budgetTokens < 1) {
            throw new IllegalArgumentException("budgetTokens must be positive, was " + budgetTokens);
        }
        if (maxStepTokens < 1) {
            throw new IllegalArgumentException("maxStepTokens must be positive, was " + maxStepTokens);
        }
    }
}
