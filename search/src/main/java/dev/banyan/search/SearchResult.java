package dev.banyan.search;

import java.util.List;
import java.util.Optional;

/**
 * What a search returns.
 *
 * @param question the question searched
 * @param answer the extracted final answer, if the chosen path has one
 * @param trace the chosen path's steps with their values
 * @param verdict the task verifier's verdict on the answer
 * @param stats what the search spent
 * @param tree the searched tree (for training targets and inspection)
 * @param algorithm the algorithm's name
 */
public record SearchResult(String question, Optional<String> answer, List<TraceStep> trace, Verdict verdict,
                           SearchStats stats, SearchTree tree, String algorithm) {
    public SearchResult {
        trace = List.copyOf(trace);
    }
}
