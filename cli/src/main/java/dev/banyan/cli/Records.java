package dev.banyan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.api.EngineStats;
import dev.banyan.api.Solution;
import dev.banyan.search.SearchStats;
import dev.banyan.search.TraceStep;
import dev.banyan.search.TreeNode;
import dev.banyan.search.Verdict;
import dev.banyan.search.tasks.Problem;
import dev.banyan.search.targets.TrainingTargets;

/** The JSON records the command line writes for a solved problem: its result line and its tree line. */
final class Records {
    private Records() {
    }

    /**
     * {@code {"id", "question", "answer", "solved", "trace": [{"node", "text", "value"}], "stats": {...}}}, plus the
     * algorithm and the expected answer; a trace step's {@code node} is its id in the tree line.
     */
    static ObjectNode result(Solution solution) {
        ObjectNode record = Json.object();
        record.put("id", solution.id());
        record.put("question", solution.question());
        record.put("answer", solution.answer().orElse(null));
        Boolean solved = solution.solved();
        if (solved == null) {
            record.putNull("solved");
        } else {
            record.put("solved", solved);
        }
        ArrayNode trace = record.putArray("trace");
        for (TraceStep step : solution.result().trace()) {
            ObjectNode entry = trace.addObject();
            entry.put("node", step.nodeId());
            entry.put("text", step.text());
            Json.putNumber(entry, "value", step.value());
        }
        record.set("stats", stats(solution.result().stats(), solution.engineStats()));
        record.put("algorithm", solution.result().algorithm());
        record.put("expected", solution.groundTruth());
        return record;
    }

    /**
     * The result line of a problem whose search failed: {@code {"id", "question", "answer": null, "solved": null,
     * "error", "algorithm", "expected"}}; {@code error} says what went wrong in one line.
     */
    static ObjectNode failure(Problem problem, Throwable cause, String algorithm) {
        ObjectNode record = Json.object();
        record.put("id", problem.id());
        record.put("question", problem.question());
        record.putNull("answer");
        record.putNull("solved");
        record.put("error", ProblemFailure.describe(cause));
        record.put("algorithm", algorithm);
        record.put("expected", problem.answer());
        return record;
    }

    static ObjectNode stats(SearchStats search, EngineStats engine) {
        ObjectNode stats = Json.object();
        stats.put("policyTokens", search.policyTokens());
        stats.put("prmTokens", search.prmTokens());
        stats.put("simulations", search.simulations());
        stats.put("nodes", search.nodes());
        stats.put("wallMillis", search.wallMillis());
        stats.put("stoppedBy", search.stoppedBy().name().toLowerCase(java.util.Locale.ROOT));
        stats.put("finishedEarly", search.finishedEarly());
        stats.put("policyTokensOverBudget", search.policyTokensOverBudget());
        stats.put("kvReusedTokens", engine.kvReusedTokens());
        stats.put("kvRecomputedTokens", engine.kvRecomputedTokens());
        stats.put("valueCacheHits", engine.valueCacheHits());
        // Passes run while this problem was searched: with --parallel, other problems' rows share them.
        stats.put("policyPasses", engine.policyPasses());
        stats.put("policyRowsPerPass", engine.policyRowsPerPass());
        stats.put("prmPasses", engine.prmPasses());
        stats.put("prmRowsPerPass", engine.prmRowsPerPass());
        stats.put("prmKvReusedTokens", engine.prmKvReusedTokens());
        return stats;
    }

    /**
     * The whole searched tree, with what {@code export} needs to derive targets again: the task's name and
     * settings (only when it has some) and the expected answer. {@code correct} is the verdict of terminal nodes, null for the others; {@code chosen}
     * lists the ids of the answer's path.
     */
    static ObjectNode tree(Solution solution) {
        ObjectNode record = Json.object();
        record.put("id", solution.id());
        record.put("task", solution.task().name());
        if (!solution.task().settings().isEmpty()) {
            record.set("taskSettings", Json.MAPPER.valueToTree(solution.task().settings()));
        }
        record.put("algorithm", solution.result().algorithm());
        record.put("question", solution.question());
        record.put("answer", solution.groundTruth());
        record.put("prediction", solution.answer().orElse(null));
        Boolean solved = solution.solved();
        if (solved == null) {
            record.putNull("solved");
        } else {
            record.put("solved", solved);
        }
        ArrayNode chosen = record.putArray("chosen");
        solution.result().trace().forEach(step -> chosen.add(step.nodeId()));
        TrainingTargets targets = solution.targets();
        ArrayNode nodes = record.putArray("nodes");
        for (TreeNode node : solution.result().tree().nodes()) {
            ObjectNode entry = nodes.addObject();
            entry.put("id", node.id());
            if (node.parent() == null) {
                entry.putNull("parent");
            } else {
                entry.put("parent", node.parent().id());
            }
            entry.put("text", node.step());
            Json.putNumber(entry, "value", node.value());
            entry.put("visits", node.visits());
            Json.putNumber(entry, "q", node.prmScore());
            entry.put("terminal", node.isTerminal());
            Boolean correct = targets.label(node.id()).verdict().map(Verdict::asBoolean).orElse(null);
            if (correct == null) {
                entry.putNull("correct");
            } else {
                entry.put("correct", correct);
            }
            entry.put("tokens", node.tokenCount());
            Json.putNumber(entry, "logProb", node.logProb());
        }
        return record;
    }
}
