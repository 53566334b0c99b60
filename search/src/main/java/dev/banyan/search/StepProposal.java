package dev.banyan.search;

import java.util.Arrays;
import java.util.Objects;

/**
 * One proposed next step.
 *
 * @param text the step, without its delimiter
 * @param tokenCount policy tokens generated for it (charged against the budget)
 * @param logProb the summed log-probability of those tokens
 * @param endOfSequence the policy ended its output here (its end-of-sequence token), so the path is finished
 *                      whatever the task reads in the text
 * @param tokenIds the policy's token ids of the step followed by its delimiter (the ids it generated, plus the
 *                 delimiter's when the step did not end on it), opaque to the search and passed on to the
 *                 path so the models need not tokenise text they produced; {@code null} when unknown
 */
public record StepProposal(String text, int tokenCount, double logProb, boolean endOfSequence, long[] tokenIds) {
    public StepProposal {
        Objects.requireNonNull(text, "text");
        if (tokenCount < 0) {
            throw new IllegalArgumentException("tokenCount must be >= 0, was " + tokenCount);
        }
    }

    /** A proposal without token ids. */
    public StepProposal(String text, int tokenCount, double logProb, boolean endOfSequence) {
        this(text, tokenCount, logProb, endOfSequence, null);
    }

    /** A step that the policy may continue after. */
    public StepProposal(String text, int tokenCount, double logProb) {
        this(text, tokenCount, logProb, false, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepProposal p && text.equals(p.text) && tokenCount == p.tokenCount
                && Double.compare(logProb, p.logProb) == 0 && endOfSequence == p.endOfSequence
                && Arrays.equals(tokenIds, p.tokenIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, tokenCount, logProb, endOfSequence) * 31 + Arrays.hashCode(tokenIds);
    }

    @Override
    public String toString() {
        return "StepProposal[text=" + text + ", tokenCount=" + tokenCount + ", logProb=" + logProb
                + ", endOfSequence=" + endOfSequence + ", tokenIds=" + (tokenIds == null ? "none" : tokenIds.length) + "]";
    }
}
