package dev.banyan.search;

import java.util.concurrent.CompletableFuture;

/** An outcome reward model: one score for a finished solution, without knowing the true answer. */
public interface OutcomeScorer {
    CompletableFuture<StepScore> scoreOutcome(ReasoningPath finished);
}
