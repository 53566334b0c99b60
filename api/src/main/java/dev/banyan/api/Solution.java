package dev.banyan.api;

import dev.banyan.search.SearchResult;
import dev.banyan.search.Task;
import dev.banyan.search.targets.TargetOptions;
import dev.banyan.search.targets.TrainingTargets;

import java.util.Objects;
import java.util.Optional;

/**
 * One searched problem: the search's result and tree, what the engines spent on it, and the training targets
 * drawn from the tree (computed on first use).
 */
public final class Solution {
    private final String id;
    private final String groundTruth;
    private final SearchResult result;
    private final EngineStats engineStats;
    private final Task task;
    private final TargetOptions targetOptions;
    /** Written once, on first use; the extraction is deterministic, so a racing second write is harmless. */
    private volatile TrainingTargets targets;

    Solution(String id, String groundTruth, SearchResult result, EngineStats engineStats, Task task,
             TargetOptions targetOptions) {
        this.id = id;
        this.groundTruth = groundTruth;
        this.result = Objects.requireNonNull(result, "result");
        this.engineStats = Objects.requireNonNull(engineStats, "engineStats");
        this.task = Objects.requireNonNull(task, "task");
        this.targetOptions = Objects.requireNonNull(targetOptions, "targetOptions");
    }

    /** The problem's id, or null when none was given. */
    public String id() {
        return id;
    }

    public String question() {
        return result.question();
    }

    /** The expected answer that was given, or null. */
    public String groundTruth() {
        return groundTruth;
    }

    /** The extracted final answer of the chosen path, if it has one. */
    public Optional<String> answer() {
        return result.answer();
    }

    /** The task verifier's verdict: true, false, or null when it cannot tell. */
    public Boolean solved() {
        return result.verdict().asBoolean();
    }

    /** The search's own result: trace, verdict, stats and tree. */
    public SearchResult result() {
        return result;
    }

    /**
     * What the engines spent on this search's own requests (exact when searches overlap): KV and value-cache
     * reuse, and the passes its requests took part in (see {@link dev.banyan.search.ModelUsage}). Zero for models
     * that count nothing, such as the simulated ones.
     */
    public EngineStats engineStats() {
        return engineStats;
    }

    public Task task() {
        return task;
    }

    /** SFT traces, ReST-MCTS* value targets, MC values, preference pairs and per-node correctness. */
    public TrainingTargets targets() {
        TrainingTargets extracted = targets;
        if (extracted == null) {
            extracted = TrainingTargets.extract(result.tree(), task, groundTruth, targetOptions);
            targets = extracted;
        }
        return extracted;
    }
}
