package dev.banyan.search;

import java.util.Objects;

/**
 * One proposed next step.
 *
 * @param text the step, without its delimiter
 * @param tokenCount policy tokens generated for it (charged against the budget)
 * @param logProb the summed log-probability of those tokens
 * @param endOfSequence the policy ended its output here (its end-of-sequence token), so the path is finished
 *                      whatever the task reads in the text
 */
public record StepProposal(String text, int tokenCount, double logProb, boolean endOfSequence) {
    public StepProposal {
        Objects.requireNonNull(text, "text");
        if (tokenCount < 0) {
            throw new IllegalArgumentException("tokenCount must be >= 0, was " + tokenCount);
        }
    }

    /** A step that the policy may continue after. */
    public StepProposal(String text, int tokenCount, double logProb) {
        this(text, tokenCount, logProb, false);
    }
}
