package dev.banyan.search;

import java.util.Objects;

/**
 * One proposed next step.
 *
 * @param text the step, without its delimiter
 * @param tokenCount policy tokens generated for it (charged against the budget)
 * @param logProb the summed log-probability of those tokens
 */
public record StepProposal(String text, int tokenCount, double logProb) {
    public StepProposal {
        Objects.requireNonNull(text, "text");
        if (tokenCount < 0) {
            throw new IllegalArgumentException("tokenCount must be >= 0, was " + tokenCount);
        }
    }
}
