package dev.banyan.prm;

/**
 * What a {@link PrmEngine} has done since it was built.
 *
 * @param valueHits step scores answered by the value cache, or by an evaluation already in flight for the same path
 * @param valueMisses step scores that needed an evaluation
 * @param evaluations evaluations run (one per path scored; a path's missing steps are read in one)
 * @param tokensProcessed reward-model tokens run, over all forward passes (padding excluded)
 * @param stepTokens tokens of the steps the evaluations scored: each evaluation's text after its parent's, the
 *                   least any scorer must run
 * @param kvTokensReused tokens of the evaluations' texts whose keys and values came from the prefix cache
 * @param forwardPasses forward passes run
 * @param passRows rows over all passes
 */
public record PrmStats(long valueHits, long valueMisses, long evaluations, long tokensProcessed, long stepTokens,
                       long kvTokensReused, long forwardPasses, long passRows) {

    /** Reward-model tokens run per token of the steps scored: 1 when each step runs only its own tokens. */
    public double tokensPerStepToken() {
        return stepTokens == 0 ? 0 : (double) tokensProcessed / stepTokens;
    }

    /** Hits per step score asked for; 0 before the first. */
    public double valueHitRate() {
        long asked = valueHits + valueMisses;
        return asked == 0 ? 0 : (double) valueHits / asked;
    }

    /** Mean rows per forward pass; 0 before the first pass. */
    public double meanBatchSize() {
        return forwardPasses == 0 ? 0 : (double) passRows / forwardPasses;
    }
}
