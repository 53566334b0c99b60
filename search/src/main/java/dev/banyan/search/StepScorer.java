package dev.banyan.search;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A process reward model: scores the newest step of each path. Asynchronous and batch-friendly. */
public interface StepScorer {
    /** Scores the newest step of every path (each path has at least one step); results in the same order. */
    CompletableFuture<List<StepScore>> score(List<ReasoningPath> paths);

    /**
     * This scorer, adding what each request costs it to {@code usage}; by default the scorer itself, which counts
     * nothing.
     */
    default StepScorer countingInto(ModelUsage usage) {
        return this;
    }
}
