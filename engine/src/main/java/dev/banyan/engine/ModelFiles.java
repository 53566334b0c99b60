package dev.banyan.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model directory keeps its files. Required: the graph ({@code model.onnx}, else optimum's
 * {@code decoder_model_merged.onnx}; external weight files beside it are found by ONNX Runtime),
 * {@code config.json} and {@code tokenizer.json}. Optional: {@code generation_config.json}.
 */
public record ModelFiles(Path directory, Path graph, Path config, Path tokenizer, Path generationConfig) {

    static final String[] GRAPH_NAMES = {"model.onnx", "decoder_model_merged.onnx"};

    /** Finds the files, failing with a message naming the directory and the missing file. */
    static ModelFiles locate(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("model directory " + directory + " does not exist or is not a directory");
        }
        Path graph = null;
        for (String name : GRAPH_NAMES) {
            if (Files.isRegularFile(directory.resolve(name))) {
                graph = directory.resolve(name);
                break;
            }
        }
        if (graph == null) {
            throw new IllegalArgumentException("model directory " + directory + " has no "
                    + String.join(" or ", GRAPH_NAMES));
        }
        Path generation = directory.resolve("generation_config.json");
        return new ModelFiles(directory, graph, required(directory, "config.json"),
                required(directory, "tokenizer.json"), Files.isRegularFile(generation) ? generation : null);
    }

    private static Path required(Path directory, String name) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model directory " + directory + " has no " + name);
        }
        return file;
    }
}
