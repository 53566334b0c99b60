package dev.banyan.api.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.banyan.api.EngineStats;
import dev.banyan.api.Solution;
import dev.banyan.search.SearchStats;

import java.util.List;
import java.util.Locale;

/**
 * A problem's line in a run's output. A searched problem has {@code trace} and {@code stats}; a problem whose
 * search failed has {@code error} (one line saying what went wrong) instead, and null {@code answer} and
 * {@code solved}.
 *
 * @param id the problem's id, or null
 * @param answer the extracted answer of the chosen path, or null
 * @param solved the task's verdict against {@code expected}: true, false, or null when it cannot tell
 * @param trace the chosen path, each step with its node id in the tree line
 * @param algorithm the algorithm's name
 * @param expected the expected answer given with the problem, or null
 */
@JsonPropertyOrder({"id", "question", "answer", "solved", "trace", "stats", "error", "algorithm", "expected"})
public record ResultLine(String id, String question, String answer, Boolean solved,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<Step> trace,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Stats stats,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                         String algorithm, String expected) {

    /** The line of a searched problem. */
    public static ResultLine of(Solution solution) {
        List<Step> trace = solution.result().trace().stream()
                .map(step -> new Step(step.nodeId(), step.text(), JsonRecords.finite(step.value())))
                .toList();
        return new ResultLine(solution.id(), solution.question(), solution.answer().orElse(null), solution.solved(),
                trace, Stats.of(solution.result().stats(), solution.engineStats()), null,
                solution.result().algorithm(), solution.groundTruth());
    }

    /** The line of a problem whose search failed with {@code error} (one line). */
    public static ResultLine failure(String id, String question, String expected, String error, String algorithm) {
        return new ResultLine(id, question, null, null, null, null, error, algorithm, expected);
    }

    /** Whether this line records a failed search. */
    public boolean failed() {
        return error != null;
    }

    /** A step of the chosen path: its node id in the tree line, its text, its value (null when not a number). */
    public record Step(int node, String text, Double value) {
    }

    /**
     * What the search and the engines spent on the problem. The engine counters count this problem's own
     * requests, exact when problems overlap: a pass counts if any of its rows was this problem's, and rows per
     * pass are the mean size of those passes (other problems' rows included).
     */
    @JsonPropertyOrder({"policyTokens", "prmTokens", "simulations", "nodes", "wallMillis", "stoppedBy",
            "finishedEarly", "policyTokensOverBudget", "kvReusedTokens", "kvRecomputedTokens", "valueCacheHits",
            "policyPasses", "policyRowsPerPass", "prmPasses", "prmRowsPerPass", "prmKvReusedTokens"})
    public record Stats(long policyTokens, long prmTokens, long simulations, int nodes, long wallMillis,
                        String stoppedBy, boolean finishedEarly, long policyTokensOverBudget, long kvReusedTokens,
                        long kvRecomputedTokens, long valueCacheHits, long policyPasses, double policyRowsPerPass,
                        long prmPasses, double prmRowsPerPass, long prmKvReusedTokens) {

        public static Stats of(SearchStats search, EngineStats engine) {
            return new Stats(search.policyTokens(), search.prmTokens(), search.simulations(), search.nodes(),
                    search.wallMillis(), search.stoppedBy().name().toLowerCase(Locale.ROOT), search.finishedEarly(),
                    search.policyTokensOverBudget(), engine.kvReusedTokens(), engine.kvRecomputedTokens(),
                    engine.valueCacheHits(), engine.policyPasses(), engine.policyRowsPerPass(), engine.prmPasses(),
                    engine.prmRowsPerPass(), engine.prmKvReusedTokens());
        }
    }
}
