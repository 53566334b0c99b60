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

    static final String QUESTION = "4 9 10 13";
    /** A Game-of-24 solution, step by step. */
    static final List<String> SOLUTION = List.of("13 - 9 = 4 (left: 4 4 10)", "10 - 4 = 6 (left: 4 6)",
            "4 * 6 = 24 (left: 24)", "Answer: (13 - 9) * (10 - 4) = 24");

    private Fixtures() {
    }

    static Path dir(String name) {
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
