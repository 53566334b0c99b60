package dev.banyan.engine;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Text to token ids and back, with a Hugging Face {@code tokenizer.json} (read locally; nothing is fetched).
 * Encoding applies the tokenizer's own post-processor, so a BOS token is added exactly when the tokenizer
 * says so. Safe for concurrent use: the native tokenizer is immutable once loaded.
 */
final class TextCodec implements TokenDecoder, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private TextCodec(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    static TextCodec load(Path tokenizerJson) {
        try {
            return new TextCodec(HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    long[] encode(String text) {
        return tokenizer.encode(text, true, false).getIds();
    }

    /** The text of the first {@code count} ids, special tokens left out. */
    @Override
    public String decode(long[] ids, int count) {
        return tokenizer.decode(count == ids.length ? ids : Arrays.copyOf(ids, count), true);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
