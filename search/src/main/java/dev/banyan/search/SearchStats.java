package dev.banyan.search;

/**
 * What one search spent.
 *
 * @param policyTokens policy tokens generated (including rollouts)
 * @param prmTokens reward-model tokens processed
 * @param simulations simulations (MCTS) or chains (sampling baselines) run
 * @param nodes nodes in the tree, the root included
 * @param wallMillis wall-clock time of the search
 */
public record SearchStats(long policyTokens, long prmTokens, long simulations, int nodes, long wallMillis) {
}
