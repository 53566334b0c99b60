package dev.banyan.engine;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Text to token ids and back, with a Hugging Face {@code tokenizer.json} (read locally; nothing is fetched).
 * Encoding applies the tokenizer's own post-processor, so a BOS token is added exactly when the tokenizer
 * says so. Safe for concurrent use: the native tokenizer is immutable once loaded.
 */
public final class TextCodec implements TokenDecoder, AutoCloseable {
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

    /** The ids of {@code text}, with the special tokens the tokenizer's post-processor adds (e.g. BOS). */
    public long[] encode(String text) {
        return tokenizer.encode(text, true, false).getIds();
    }

    /** The id of the single token spelled exactly {@code token}, or empty when the vocabulary has no such token. */
    public OptionalLong tokenId(String token) {
        ai.djl.huggingface.tokenizers.Encoding encoding = tokenizer.encode(token, false, false);
        String[] pieces = encoding.getTokens();
        return pieces.length == 1 && pieces[0].equals(token) ? OptionalLong.of(encoding.getIds()[0]) : OptionalLong.empty();
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
