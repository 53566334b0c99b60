package dev.banyan.api;

import dev.banyan.engine.PolicyEngine;
import dev.banyan.prm.PrmEngine;
import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;

import java.nio.file.Path;

/** Opens ONNX policies and reward models from Hugging Face-layout directories. */
final class OnnxModels {
    private OnnxModels() {
    }

    static Part<Policy> policy(Path directory, ModelConfig config) {
        PolicyEngine engine = open(directory, config, () -> PolicyEngine.builder(directory)
                .device(config.device()).temperature(config.temperature()).build());
        return new Part<>(engine, () -> {
            dev.banyan.engine.EngineStats stats = engine.stats();
            return new EngineStats(stats.prefixTokensReused(), stats.prefixTokensRecomputed(), 0,
                    stats.tokensGenerated(), stats.forwardPasses(), stats.passRows(), 0, 0);
        }, engine);
    }

    static Part<StepScorer> stepScorer(Path directory, ModelConfig config) {
        PrmEngine prm = open(directory, config, () -> PrmEngine.builder(directory).device(config.device()).build());
        String style = prm.config().style().key();
        if (config.prmStyle() != null && !config.prmStyle().equals(style)) {
            prm.close();
            throw new ModelException(config.file() + ": \"prmStyle\" is \"" + config.prmStyle() + "\", but the PRM's "
                    + "prm.json in " + directory + " says \"" + style + "\"; correct one of them (or drop \"prmStyle\")");
        }
        return new Part<>(prm, () -> {
            dev.banyan.prm.PrmStats stats = prm.stats();
            return new EngineStats(0, 0, stats.valueHits(), 0, 0, 0, stats.forwardPasses(), stats.passRows());
        }, prm);
    }

    /** Opens a model, naming the {@code banyan.json} that pointed to it in any failure. */
    private static <T> T open(Path directory, ModelConfig config, java.util.function.Supplier<T> opener) {
        try {
            return opener.get();
        } catch (RuntimeException e) {
            throw new ModelException(config.file() + " names the ONNX model " + directory + ", which cannot be opened: "
                    + e.getMessage(), e);
        }
    }
}
