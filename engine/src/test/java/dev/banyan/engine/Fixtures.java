package dev.banyan.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/** The tiny fixture models built by {@code tools/make_fixture_models.py}. */
final class Fixtures {
    static final String LLAMA = "llama-tiny";
    static final String LLAMA_FP16_KV = "llama-tiny-fp16kv";
    static final String GPT2 = "gpt2-tiny";
    /** Qwen2 architecture, Qwen's 151,669-token vocabulary, fp32, with position_ids. */
    static final String QWEN = "qwen2-152k";
    /** The same weights stored in fp16, fp16 KV and logits, positions derived from the mask. */
    static final String QWEN_FP16 = "qwen2-152k-fp16";
    /** Qwen's real tokenizer, beside the clone; the Qwen fixtures need it and their tests are skipped without it. */
    static final Path QWEN_TOKENIZER = Path.of("..", "..", "shared", "data", "tokenizers", "qwen3").toAbsolutePath().normalize();
    private static final java.util.Map<String, Path> QWEN_DIRS = new java.util.concurrent.ConcurrentHashMap<>();

    private Fixtures() {
    }

    static Path dir(String name) {
        if (name.startsWith("qwen2-")) {
            return qwen(name);
        }
        return resource(name);
    }

    private static Path resource(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("fixture " + name + " missing; run tools/make_fixture_models.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether Qwen's tokenizer is beside the clone. */
    static boolean hasQwenTokenizer() {
        return Files.isRegularFile(QWEN_TOKENIZER.resolve("tokenizer.json"));
    }

    /**
     * A Qwen fixture as a model directory: its graph and configs with Qwen's tokenizer.json and
     * tokenizer_config.json copied in (once per run). Skips the calling test when the tokenizer is absent.
     */
    static Path qwen(String name) {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasQwenTokenizer(),
                "Qwen's tokenizer is not at " + QWEN_TOKENIZER + "; the tests of the 151,669-token fixtures are skipped");
        return QWEN_DIRS.computeIfAbsent(name, n -> {
            try {
                Path target = Files.createTempDirectory("banyan-" + n);
                copyInto(resource(n), target);
                for (String file : new String[] {"tokenizer.json", "tokenizer_config.json"}) {
                    Files.copy(QWEN_TOKENIZER.resolve(file), target.resolve(file));
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void copyInto(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    /** Loads a fixture on the CPU with one intra-op thread (tests share two cores). */
    static DecoderModel load(String name) {
        return DecoderModel.load(dir(name), Device.CPU, 1);
    }

    /** {@code count} token ids drawn from the ordinary (non-special) part of the vocabulary. */
    static long[] randomTokens(Random random, int count, int vocab) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = 4 + random.nextInt(vocab - 4);
        }
        return ids;
    }

    /**
     * A fixture rewritten by ONNX Runtime with its weights in the external data file {@code dataName} beside
     * {@code model.onnx} (as optimum writes models past 2 GB), in {@code target}. The graph is ONNX Runtime's
     * basic-optimised copy of the fixture's (constant folding and the like): the same function.
     */
    static Path withExternalData(String name, Path target, String dataName) {
        Path dir = copy(name, target);
        Path graph = dir.resolve("model.onnx");
        Path original = dir.resolve("original.onnx");
        try {
            Files.move(graph, original);
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
                options.setIntraOpNumThreads(1);
                options.setOptimizedModelFilePath(graph.toString());
                options.addConfigEntry("session.optimized_model_external_initializers_file_name", dataName);
                options.addConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "64");
                OrtEnvironment.getEnvironment().createSession(original.toString(), options).close();
            }
            Files.delete(original);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not rewrite " + name + " with external data", e);
        }
    }

    /** Copies a fixture into {@code target} so a test can break it. */
    static Path copy(String name, Path target) {
        Path source = dir(name);
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(target);
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
