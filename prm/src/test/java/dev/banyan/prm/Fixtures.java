package dev.banyan.prm;

import dev.banyan.search.ReasoningPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** The tiny reward models built by {@code tools/make_fixture_models.py prm}, and engines driven on the test's thread. */
final class Fixtures {
    static final String STEP_TAG = "prm-step-tag";
    static final String TOKEN_CLS = "prm-token-cls";
    static final String TOKEN_CLS_NO_KV = "prm-token-cls-nokv";
    static final String VALUE = "prm-value";
    static final String VALUE_NO_KV = "prm-value-nokv";

    /** Math-Shepherd style on Qwen's vocabulary: P("+") among {"+", "-"} at the tag " ###\n" ending each step. */
    static final String QWEN_STEP_TAG = "qwen2-prm-step-tag";
    /** Qwen2.5-Math-PRM style: a two-class head read at an added separator token after each step. */
    static final String QWEN_TOKEN_CLS = "qwen2-prm-token-cls";
    /** Qwen's real tokenizer, beside the clone; the Qwen fixtures' tests are skipped without it. */
    static final Path QWEN_TOKENIZER = Path.of("..", "..", "shared", "data", "tokenizers", "qwen3").toAbsolutePath().normalize();
    private static final java.util.Map<String, Path> QWEN_DIRS = new java.util.concurrent.ConcurrentHashMap<>();

    static final String QUESTION = "4 9 10 13";
    /** A Game-of-24 solution, step by step. */
    static final List<String> SOLUTION = List.of("13 - 9 = 4 (left: 4 4 10)", "10 - 4 = 6 (left: 4 6)",
            "4 * 6 = 24 (left: 24)", "Answer: (13 - 9) * (10 - 4) = 24");

    private Fixtures() {
    }

    static Path dir(String name) {
        if (name.startsWith("qwen2-")) {
            return qwen(name, resource(name));
        }
        return resource(name);
    }

    /** The engine's fp32 Qwen2 policy fixture (151,669 tokens), with Qwen's tokenizer. */
    static Path qwenPolicy() {
        return qwen("qwen2-152k", Path.of("..", "engine", "src", "test", "resources", "fixtures", "qwen2-152k")
                .toAbsolutePath().normalize());
    }

    /**
     * A Qwen fixture as a model directory: its files with Qwen's tokenizer.json and tokenizer_config.json copied
     * in (once per run). Skips the calling test when the tokenizer is absent.
     */
    private static Path qwen(String name, Path source) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(QWEN_TOKENIZER.resolve("tokenizer.json")),
                "Qwen's tokenizer is not at " + QWEN_TOKENIZER + "; the tests of the 151,669-token fixtures are skipped");
        return QWEN_DIRS.computeIfAbsent(name, n -> {
            try (Stream<Path> files = Files.list(source)) {
                Path target = Files.createTempDirectory("banyan-" + n);
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
                for (String file : new String[] {"tokenizer.json", "tokenizer_config.json"}) {
                    Files.copy(QWEN_TOKENIZER.resolve(file), target.resolve(file));
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Path resource(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("fixture " + name + " missing; run tools/make_fixture_models.py prm");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A builder for {@code fixture} with no inference thread and one intra-op thread (tests share two cores). */
    static PrmEngine.Builder builder(String fixture) {
        return PrmEngine.builder(dir(fixture)).withoutThread().intraOpThreads(1);
    }

    static PrmEngine engine(String fixture) {
        return builder(fixture).build();
    }

    /** Runs duty cycles until the future completes; fails if the loop stops making progress. */
    static <T> T drive(PrmEngine engine, CompletableFuture<T> future) {
        int idle = 0;
        while (!future.isDone()) {
            idle = engine.loop().doWork() == 0 ? idle + 1 : 0;
            if (idle > 1000) {
                throw new AssertionError("the loop idles with work pending (" + engine.loop().activeRows() + " rows)");
            }
        }
        return future.join();
    }

    /** The path of the first {@code depth} steps of {@code steps}. */
    static ReasoningPath path(List<String> steps, int depth) {
        return ReasoningPath.of(QUESTION, steps.subList(0, depth));
    }

    /** Copies a fixture into {@code target} so a test can break it. */
    static Path copy(String name, Path target) {
        try (Stream<Path> files = Files.list(dir(name))) {
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
