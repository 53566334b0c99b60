package dev.banyan.api;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;

import java.nio.file.Path;

/** Opens ONNX policies and reward models from Hugging Face-layout directories. */
final class OnnxModels {
    private OnnxModels() {
    }

    static Part<Policy> policy(Path directory, ModelConfig config) {
        throw notBuilt(directory, config);
    }

    static Part<StepScorer> stepScorer(Path directory, ModelConfig config) {
        throw notBuilt(directory, config);
    }

    private static ModelException notBuilt(Path directory, ModelConfig config) {
        return new ModelException(config.file() + " names the ONNX model " + directory
                + ", but the ONNX engine is not built into this version; use \"simulated\" models instead");
    }
}
