package dev.banyan.search;

/**
 * A reward model's score.
 *
 * @param value in [0, 1]
 * @param tokensProcessed reward-model tokens run to produce it (0 for a cache hit)
 */
public record StepScore(double value, int tokensProcessed) {
    public StepScore {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1], was " + value);
        }
        if (tokensProcessed < 0) {
            throw new IllegalArgumentException("tokensProcessed must be >= 0, was " + tokensProcessed);
        }
    }
}
