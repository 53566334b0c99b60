package dev.banyan.search;

import java.util.List;
import java.util.Objects;

/**
 * A request for next steps.
 *
 * @param path the node's path (question and steps so far)
 * @param context the text to continue, {@link Task#render} of {@code path}
 * @param stopStrings strings that end a step; the returned text excludes them
 * @param count how many proposals to return (sampled independently; duplicates allowed)
 * @param greedy take the most likely token each time instead of sampling (then every proposal is the same)
 * @param seed seeds the sampling so a request is reproducible
 * @param maxTokens the longest step to generate, in tokens
 */
public record StepRequest(ReasoningPath path, String context, List<String> stopStrings, int count,
                          boolean greedy, long seed, int maxTokens) {
    public StepRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(context, "context");
        stopStrings = List.copyOf(stopStrings);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
    }
}
