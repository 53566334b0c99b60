package dev.banyan.cli;

import dev.banyan.api.Banyan;
import dev.banyan.api.ModelBundle;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

// banyan-spark's JobCommand declares these again: it must not depend on banyan-cli, and api and search have no picocli.
/** Options every searching command shares: the model and the per-problem limits other than the algorithm. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "DIR",
            description = "Model directory holding a banyan.json (task, policy, PRM and default settings). "
                    + "Default: the project's models/game24 if present, else models/simulated.")
    Path model;

    @Option(names = "--task", paramLabel = "NAME",
            description = "Search this task (with its default settings) instead of the one the model's banyan.json "
                    + "names; 'banyan tasks' lists them. Default: the model's task.")
    String task;

    @Mixin
    DeviceOption deviceOption;

    @Option(names = "--variant", paramLabel = "NAME",
            description = "The policy's graph in its onnx/ folder (transformers.js / onnx-community layout): fp32 "
                    + "(onnx/model.onnx), fp16, q4, quantized, ... or a file name. Default: the model's banyan.json "
                    + "setting, else the graph at the policy's root or the only one in onnx/.")
    String variant;

    @Option(names = "--budget-simulations", paramLabel = "N", converter = Converters.PositiveLong.class,
            description = "Most simulations (MCTS) or sampled chains (baselines) per problem. Default: no limit.")
    Long budgetSimulations;

    @Mixin
    TimeLimitOption timeLimitOption;

    @Mixin
    SeedOption seedOption;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", converter = Converters.PositiveInt.class,
            description = "Search threads per problem. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--max-step-tokens", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Longest step the policy may generate, in tokens. "
                    + "Default: the model's banyan.json setting, else 64.")
    Integer maxStepTokens;

    @Option(names = "--reference",
            description = "Reference mode: the architecture of the ReST-MCTS* code, to measure against. One problem "
                    + "at a time (--parallel 1), one search thread, one simulation in flight, and the ONNX models run "
                    + "one sequence per forward pass with no KV reuse across nodes and no value cache; same algorithm "
                    + "and seed. Default: off.")
    boolean reference;

    Path modelDirectory() {
        return model != null ? model : ModelBundle.defaultDirectory();
    }

    ModelBundle openModel() {
        return ModelBundle.open(modelDirectory(), deviceOption.device, task, variant, reference);
    }

    /** The builder with these options set; the model itself is left to the caller. */
    Banyan.Builder applyTo(Banyan.Builder builder) {
        builder.timeLimit(timeLimitOption.timeLimit).seed(seedOption.seed).threads(threads).reference(reference);
        if (task != null) {
            builder.task(task);
        }
        if (deviceOption.device != null) {
            builder.device(deviceOption.device);
        }
        if (variant != null) {
            builder.variant(variant);
        }
        if (budgetSimulations != null) {
            builder.budgetSimulations(budgetSimulations);
        }
        if (maxStepTokens != null) {
            builder.maxStepTokens(maxStepTokens);
        }
        return builder;
    }
}
