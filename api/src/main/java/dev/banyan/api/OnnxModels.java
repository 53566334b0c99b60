package dev.banyan.api;

import dev.banyan.engine.EngineBuilder;
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
        PolicyEngine engine = open(directory, config, () -> policyBuilder(directory, config).build());
        return new Part<>(engine, () -> {
            dev.banyan.engine.PolicyStats stats = engine.stats();
            return new EngineStats(stats.prefixTokensReused(), stats.prefixTokensRecomputed(), 0,
                    stats.tokensGenerated(), stats.forwardPasses(), stats.passRows(), 0, 0);
        }, engine);
    }

    static Part<StepScorer> stepScorer(Path directory, ModelConfig config) {
        PrmEngine prm = open(directory, config, () -> prmBuilder(directory, config).build());
        String style = prm.config().style().key();
        if (config.prmStyle() != null && !config.prmStyle().equals(style)) {
            prm.close();
            throw new ModelException(config.file() + ": \"prmStyle\" is \"" + config.prmStyle() + "\", but the PRM's "
                    + "prm.json in " + directory + " says \"" + style + "\"; correct one of them (or drop \"prmStyle\")");
        }
        return new Part<>(prm, () -> {
            dev.banyan.prm.PrmStats stats = prm.stats();
            return new EngineStats(0, 0, stats.valueHits(), 0, 0, 0, stats.forwardPasses(), stats.passRows(),
                    stats.kvTokensReused());
        }, prm);
    }

    /** The policy's builder with {@code banyan.json}'s settings; those it does not give keep the engine's defaults. */
    static PolicyEngine.Builder policyBuilder(Path directory, ModelConfig config) {
        ModelConfig.OnnxSettings onnx = config.onnx();
        PolicyEngine.Builder builder = shared(PolicyEngine.builder(directory), config).variant(onnx.variant());
        if (onnx.temperature() != null) {
            builder.temperature(onnx.temperature());
        }
        if (onnx.topK() != null) {
            builder.topK(onnx.topK());
        }
        if (onnx.topP() != null) {
            builder.topP(onnx.topP());
        }
        if (onnx.kvCacheBytes() != null) {
            builder.cacheBytes(onnx.kvCacheBytes());
        }
        return builder;
    }

    /** The reward model's builder with {@code banyan.json}'s settings (batch limits, caches, threads, variant). */
    static PrmEngine.Builder prmBuilder(Path directory, ModelConfig config) {
        ModelConfig.OnnxSettings onnx = config.onnx();
        PrmEngine.Builder builder = shared(PrmEngine.builder(directory), config).variant(onnx.prmVariant());
        if (onnx.kvCacheBytes() != null) {
            builder.kvCacheBytes(onnx.kvCacheBytes());
        }
        if (onnx.valueCacheEntries() != null) {
            builder.valueCacheEntries(onnx.valueCacheEntries());
        }
        if (onnx.reference()) {
            builder.incremental(false).valueCacheEntries(0);
        }
        return builder;
    }

    /** The settings both engines take from {@code banyan.json}: the device, the batch limits and the threads. */
    private static <B extends EngineBuilder<B>> B shared(B builder, ModelConfig config) {
        ModelConfig.OnnxSettings onnx = config.onnx();
        builder.device(config.device());
        if (onnx.maxBatchSequences() != null) {
            builder.maxBatchSequences(onnx.maxBatchSequences());
        }
        if (onnx.maxBatchTokens() != null) {
            builder.maxBatchTokens(onnx.maxBatchTokens());
        }
        builder.intraOpThreads(onnx.intraOpThreads() != null ? onnx.intraOpThreads() : defaultIntraOpThreads());
        return builder;
    }

    /**
     * Half the processors for each engine: the policy and the reward model run passes side by side, each on its own
     * inference thread. ONNX Runtime's own default, a pool of one spinning thread per physical core in each session,
     * makes the two pools and the search threads fight for the cores; on the demo models (2 cores) one thread each
     * ran a whole Game-of-24 run 1.5-1.7x faster (bench/README.md, "Intra-op threads").
     */
    static int defaultIntraOpThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
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
