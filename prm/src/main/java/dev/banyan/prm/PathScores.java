package dev.banyan.prm;

import dev.banyan.search.Aggregation;

/**
 * The scores of every step of a path, oldest first, and the reward-model tokens run to get them (0 when all
 * came from the value cache).
 */
public record PathScores(double[] steps, int tokensProcessed) {
    public PathScores {
        steps = steps.clone();
    }

    /** A copy of the scores. */
    @Override
    public double[] steps() {
        return steps.clone();
    }

    /** The scores reduced by {@code how}. */
    public double aggregate(Aggregation how) {
        return how.reduce(steps);
    }
}
