package dev.banyan.spark;

import dev.banyan.api.Banyan;
import dev.banyan.api.ModelBundle;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an executor needs to build its {@link Banyan}: the model and the search settings, as the job was given them
 * (null: the model's {@code banyan.json}, then the built-in default). Sent to the executors with each task, and the
 * key of the engines they share ({@link Engines}).
 *
 * @param model the model directory as given: a path every executor sees, or the name of a directory shipped with
 *              {@code --archives} or {@code --files}
 * @param device {@code cpu}, {@code cuda} or {@code cuda:N}; null: the task's GPU if it has one, else the model's
 *               setting, else cpu
 */
record SearchSettings(String model, String task, String variant, String device, String algorithm, Long budgetTokens,
                      Long budgetSimulations, Duration timeLimit, Integer maxStepTokens, long seed, int threads,
                      Integer inFlight) implements Serializable {

    /** The builder for one device, over models opened elsewhere (the caller keeps them). */
    Banyan.Builder applyTo(Banyan.Builder builder, ModelBundle models) {
        builder.bundle(models).timeLimit(timeLimit).seed(seed).threads(threads);
        if (algorithm != null) {
            builder.algorithm(algorithm);
        }
        if (budgetTokens != null) {
            builder.budgetTokens(budgetTokens);
        }
        if (budgetSimulations != null) {
            builder.budgetSimulations(budgetSimulations);
        }
        if (maxStepTokens != null) {
            builder.maxStepTokens(maxStepTokens);
        }
        if (inFlight != null) {
            builder.inFlight(inFlight);
        }
        return builder;
    }

    /**
     * The settings that decide what a search finds, by option name, for the output's record of them: a later run on
     * the same output must use the same ones. The device is not among them.
     */
    Map<String, Object> resultDefining() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", model);
        settings.put("task", task);
        settings.put("variant", variant);
        settings.put("algorithm", algorithm);
        settings.put("budget-tokens", budgetTokens);
        settings.put("budget-simulations", budgetSimulations);
        settings.put("time-limit", timeLimit.toString());
        settings.put("max-step-tokens", maxStepTokens);
        settings.put("seed", seed);
        settings.put("threads", threads);
        settings.put("in-flight", inFlight);
        return settings;
    }
}
