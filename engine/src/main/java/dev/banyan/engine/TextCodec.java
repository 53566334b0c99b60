package dev.banyan.engine;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
    /** Whether encoding appends special tokens after the text (an EOS), so that encodings cannot be concatenated. */
    private final boolean appendsSpecialTokens;

    private TextCodec(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        long[] plain = tokenizer.encode("a", false, false).getIds();
        long[] full = tokenizer.encode("a", true, false).getIds();
        this.appendsSpecialTokens = full.length == 0 || plain.length == 0 || full[full.length - 1] != plain[plain.length - 1];
    }

    /** Whether {@link #encode} puts special tokens after the text, so one encoding cannot be continued by ids. */
    public boolean appendsSpecialTokens() {
        return appendsSpecialTokens;
    }

    static TextCodec load(Path tokenizerJson) {
        try {
            return new TextCodec(HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * The number of ids {@code tokenizerJson} can produce: one more than the largest id of its model's vocabulary
     * and its added tokens. Read with a streaming parser (the merges are skipped, not built).
     */
    static int vocabularySize(Path tokenizerJson) {
        // Field names are not canonicalised: the vocabulary's 150k distinct names would fill the symbol table.
        try (JsonParser parser = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build()
                .createParser(tokenizerJson.toFile())) {
            long largest = -1;
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(tokenizerJson + ": expected a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("added_tokens") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String key = parser.currentName();
                            parser.nextToken();
                            if (key.equals("id") && parser.currentToken().isNumeric()) {
                                largest = Math.max(largest, parser.getLongValue());
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                } else if (field.equals("model") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        JsonToken vocab = parser.nextToken();
                        if (key.equals("vocab") && vocab == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                parser.nextToken();
                                if (parser.currentToken().isNumeric()) {
                                    largest = Math.max(largest, parser.getLongValue());
                                }
                            }
                        } else if (key.equals("vocab") && vocab == JsonToken.START_ARRAY) {
                            // Unigram: a list of [piece, score], ids in order.
                            long count = 0;
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                parser.skipChildren();
                                count++;
                            }
                            largest = Math.max(largest, count - 1);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return (int) Math.min(Integer.MAX_VALUE, largest + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /** The ids of {@code text}, with the special tokens the tokenizer's post-processor adds (e.g. BOS). */
    public long[] encode(String text) {
        return tokenizer.encode(text, true, false).getIds();
    }

    /** The id of the single token spelled exactly {@code token}, or empty when the vocabulary has no such token. */
    public OptionalLong tokenId(String token) {
        ai.djl.huggingface.tokenizers.Encoding encoding = tokenizer.encode(token, false, false);
        long[] ids = encoding.getIds();
        if (ids.length != 1) {
            return OptionalLong.empty();
        }
        // A byte-level vocabulary spells " +" as "Ġ+": compare the decoded text (special tokens kept) instead.
        return encoding.getTokens()[0].equals(token) || tokenizer.decode(ids, false).equals(token)
                ? OptionalLong.of(ids[0]) : OptionalLong.empty();
    }

    /** The ids of {@code text} alone, without the special tokens the post-processor would add. */
    @Override
    public long[] encodePiece(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** The text of {@code ids[from, to)}, special tokens left out. */
    @Override
    public String decode(long[] ids, int from, int to) {
        if (from == to) {
            return "";
        }
        return tokenizer.decode(from == 0 && to == ids.length ? ids : Arrays.copyOfRange(ids, from, to), true);
    }

    /** The text of the first {@code count} ids, special tokens left out. */
    @Override
    public String decode(long[] ids, int count) {
        return decode(ids, 0, count);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
