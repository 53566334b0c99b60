package dev.banyan.api;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;

import java.nio.file.Path;

/**
 * The models a search runs on: the task, the policy that proposes steps, the reward model that scores them,
 * and the settings they were shipped with. {@link #open} reads a model directory; implement the interface to
 * plug in models built in code.
 *
 * <p>A model directory holds a {@code banyan.json} such as
 * <pre>{@code
 * {"task": "game24", "policy": "policy", "prm": "prm", "prmStyle": "step-tag",
 *  "algorithm": "mcts-star", "budgetTokens": 2000, "maxStepTokens": 40, "temperature": 1.0}
 * }</pre>
 * where {@code task} names a task of the {@link dev.banyan.search.tasks.TaskRegistry} (configured by an
 * optional {@code "taskSettings"} object), and {@code policy} and {@code prm} name sub-directories in Hugging
 * Face layout, or the word {@code simulated} for the task's simulated models, tuned by an optional
 * {@code "simulated"} object.
 */
public interface ModelBundle extends AutoCloseable {

    /** Opens the model directory {@code directory}; throws {@link ModelException} naming what is wrong. */
    static ModelBundle open(Path directory) {
        return ModelDirectory.open(directory, null, null);
    }

    /** As {@link #open(Path)}, running ONNX models on {@code device} ({@code cpu}, {@code cuda}, {@code cuda:N}). */
    static ModelBundle open(Path directory, String device) {
        return ModelDirectory.open(directory, device, null);
    }

    /**
     * As {@link #open(Path, String)}, on the task called {@code task} (a name in
     * {@link dev.banyan.search.tasks.TaskRegistry}) instead of the one {@code banyan.json} names, with that task's
     * default settings; null keeps the directory's task.
     */
    static ModelBundle open(Path directory, String device, String task) {
        return ModelDirectory.open(directory, device, task);
    }

    /**
     * As {@link #open(Path, String, String)}, loading the policy's graph {@code variant} from its {@code onnx/}
     * folder ({@code fp16}, {@code q4}, {@code quantized}, … or a file name; transformers.js / onnx-community
     * layout) instead of the one {@code banyan.json} names; null keeps the directory's choice.
     */
    static ModelBundle open(Path directory, String device, String task, String variant) {
        return ModelDirectory.open(directory, device, task, variant);
    }

    /**
     * As {@link #open(Path, String, String, String)}; with {@code reference}, the ONNX models run as the
     * ReST-MCTS* code runs its models: one sequence per forward pass, no KV cache reused across nodes, no
     * incremental PRM scoring and no value cache. Simulated models are not affected.
     */
    static ModelBundle open(Path directory, String device, String task, String variant, boolean reference) {
        return ModelDirectory.open(directory, device, task, variant, reference);
    }

    /** Whether this bundle's models run in reference mode (see {@link #open(Path, String, String, String, boolean)}). */
    default boolean reference() {
        return false;
    }

    /**
     * The model used when none is named: {@code models/game24} of the project if it exists, else
     * {@code models/simulated}. The project root is the {@code banyan.root} system property if set, else found
     * from where this code was loaded.
     */
    static Path defaultDirectory() {
        return ModelDirectory.defaultDirectory();
    }

    Task task();

    Policy policy();

    StepScorer stepScorer();

    /** The engines' cumulative counters since the bundle was opened. */
    default EngineStats engineStats() {
        return EngineStats.ZERO;
    }

    /** The search settings to use where the caller gives none. */
    default SearchDefaults defaults() {
        return SearchDefaults.BUILT_IN;
    }

    /** Where the models came from, for messages. */
    String description();

    /** Releases the engines' sessions and threads. */
    @Override
    default void close() {
    }
}
