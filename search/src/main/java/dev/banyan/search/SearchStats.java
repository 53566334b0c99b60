package dev.banyan.search;

/**
 * What one search spent.
 *
 * @param policyTokens policy tokens generated (including rollouts)
 * @param prmTokens reward-model tokens processed
 * @param simulations simulations (MCTS) or chains (sampling baselines) run
 * @param nodes nodes in the tree, the root included
 * @param wallMillis wall-clock time of the search
 * @param stoppedBy what ended the search: a limit of the budget, or the algorithm itself with budget left
 * @param policyTokensOverBudget policy tokens spent past the token budget (0 within it): calls already in
 *                               flight when the budget ran out finish, so a search may pass its budget by at most
 *                               one call's tokens per thread; this says by how much it did
 */
public record SearchStats(long policyTokens, long prmTokens, long simulations, int nodes, long wallMillis,
                          Stop stoppedBy, long policyTokensOverBudget) {
    /** What ended a search. */
    public enum Stop {
        /** The policy-token budget was spent. */
        TOKENS,
        /** The simulation budget was spent. */
        SIMULATIONS,
        /** The time limit passed. */
        TIME,
        /** An early stop at a confident answer (MCTS*'s {@code endGate}), with budget left. */
        ANSWER,
        /** The algorithm ran out of work with budget left: its chains or beams all ended, or its tree was exhausted. */
        DONE
    }

    public SearchStats(long policyTokens, long prmTokens, long simulations, int nodes, long wallMillis) {
        this(policyTokens, prmTokens, simulations, nodes, wallMillis, Stop.DONE, 0);
    }

    /** Whether the search ended with budget left (an early stop or an algorithm that could not spend it). */
    public boolean finishedEarly() {
        return stoppedBy == Stop.ANSWER || stoppedBy == Stop.DONE;
    }
}
