package dev.banyan.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a model directory keeps its files. Two layouts are found without being told which:
 * <ul>
 *   <li>optimum's: the graph at the root, {@code model.onnx}, else {@code decoder_model_merged.onnx};</li>
 *   <li>transformers.js / onnx-community's: graphs in an {@code onnx/} folder, one per variant
 *       ({@code model.onnx}, {@code model_fp16.onnx}, {@code model_q4.onnx}, {@code model_quantized.onnx}, …; also
 *       {@code decoder_model_merged*.onnx}). A variant is named by what follows {@code model_} ({@code fp16},
 *       {@code q4}, {@code quantized}), {@code fp32} for plain {@code model.onnx}, or by its file name. One graph
 *       there needs no variant; several need one.</li>
 * </ul>
 * A graph at the root wins when no variant is asked for. External weights ({@code model.onnx_data},
 * {@code model.onnx.data}, whatever the graph names) are read by ONNX Runtime from beside the graph; a missing one
 * is reported by {@link ExternalData}. Also required: {@code config.json} and {@code tokenizer.json} at the root;
 * optional: {@code generation_config.json}.
 *
 * @param variant the variant chosen in {@code onnx/}, or {@code null} for a graph at the root
 */
public record ModelFiles(Path directory, Path graph, Path config, Path tokenizer, Path generationConfig,
                         String variant) {

    static final String[] GRAPH_NAMES = {"model.onnx", "decoder_model_merged.onnx"};
    /** The sub-folder of transformers.js / onnx-community exports. */
    static final String VARIANT_FOLDER = "onnx";
    /** The variant of a graph with no suffix ({@code onnx/model.onnx}), as transformers.js names its dtype. */
    static final String PLAIN_VARIANT = "fp32";
    private static final Pattern VARIANT_GRAPH = Pattern.compile("(model|decoder_model_merged)(?:_([A-Za-z0-9_]+))?\\.onnx");

    /** Finds the files of the graph at the root, or the only one in {@code onnx/}. */
    static ModelFiles locate(Path directory) {
        return locate(directory, null);
    }

    /**
     * Finds the files, failing with a message naming the directory and what is missing or ambiguous.
     *
     * @param variant the graph to take from {@code onnx/}; {@code null} to find it alone
     */
    static ModelFiles locate(Path directory, String variant) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("model directory " + directory + " does not exist or is not a directory");
        }
        Map<String, Path> variants = variants(directory.resolve(VARIANT_FOLDER));
        Path graph = null;
        String chosen = null;
        if (variant == null) {
            for (String name : GRAPH_NAMES) {
                if (Files.isRegularFile(directory.resolve(name))) {
                    graph = directory.resolve(name);
                    break;
                }
            }
            if (graph == null && variants.size() == 1) {
                chosen = variants.keySet().iterator().next();
                graph = variants.get(chosen);
            } else if (graph == null && variants.size() > 1) {
                throw new IllegalArgumentException("model directory " + directory + " has " + variants.size()
                        + " variants in " + VARIANT_FOLDER + "/ and no graph at its root; choose one with --variant (or "
                        + "\"variant\" in banyan.json): " + describe(directory, variants));
            } else if (graph == null) {
                throw new IllegalArgumentException("model directory " + directory + " has no "
                        + String.join(" or ", GRAPH_NAMES) + ", nor " + VARIANT_FOLDER + "/model*.onnx");
            }
        } else {
            String wanted = variant.startsWith(VARIANT_FOLDER + "/") ? variant.substring(VARIANT_FOLDER.length() + 1) : variant;
            for (Map.Entry<String, Path> entry : variants.entrySet()) {
                if (entry.getKey().equals(wanted) || entry.getValue().getFileName().toString().equals(wanted)) {
                    chosen = entry.getKey();
                    graph = entry.getValue();
                }
            }
            if (graph == null) {
                throw new IllegalArgumentException("model directory " + directory + " has no variant \"" + variant + "\""
                        + (variants.isEmpty() ? ": it has no " + VARIANT_FOLDER + "/ folder of graphs"
                        + (Files.isRegularFile(directory.resolve(GRAPH_NAMES[0])) ? " (its graph is model.onnx at the root:"
                        + " drop the variant)" : "")
                        : "; it has " + describe(directory, variants)));
            }
        }
        Path generation = directory.resolve("generation_config.json");
        return new ModelFiles(directory, graph, required(directory, "config.json"),
                required(directory, "tokenizer.json"), Files.isRegularFile(generation) ? generation : null, chosen);
    }

    /** The graphs of an {@code onnx/} folder by variant name, sorted by it; a {@code model*} graph wins over a merged one. */
    static Map<String, Path> variants(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        List<Path> graphs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(Files::isRegularFile).sorted().forEach(graphs::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        Map<String, Path> found = new TreeMap<>();
        for (boolean merged : new boolean[] {false, true}) {
            for (Path graph : graphs) {
                Matcher matcher = VARIANT_GRAPH.matcher(graph.getFileName().toString());
                if (matcher.matches() && matcher.group(1).equals("decoder_model_merged") == merged) {
                    found.putIfAbsent(matcher.group(2) == null ? PLAIN_VARIANT : matcher.group(2), graph);
                }
            }
        }
        return found;
    }

    private static String describe(Path directory, Map<String, Path> variants) {
        List<String> names = new ArrayList<>();
        variants.forEach((name, graph) -> names.add(name + " (" + directory.relativize(graph) + ")"));
        return String.join(", ", names);
    }

    private static Path required(Path directory, String name) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model directory " + directory + " has no " + name);
        }
        return file;
    }
}
