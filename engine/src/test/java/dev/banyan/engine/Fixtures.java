package dev.banyan.engine;

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

    private Fixtures() {
    }

    static Path dir(String name) {
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
