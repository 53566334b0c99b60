package dev.banyan.search;

/** Checks a finished path's answer against a ground truth, or exactly where the task allows (Game of 24). */
public interface OutcomeVerifier {
    /**
     * @param finished the finished path
     * @param groundTruth the expected answer, or {@code null} when none is known
     */
    Verdict verify(ReasoningPath finished, String groundTruth);
}
