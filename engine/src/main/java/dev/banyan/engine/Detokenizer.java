package dev.banyan.engine;

import java.util.Arrays;

/**
 * Incremental detokenisation: the text of a growing list of token ids, at a cost per token that does not grow
 * with the list. The method of Hugging Face's text-generation-inference: two offsets split the ids into a
 * prefix already turned into text, a read window whose text was emitted, and new ids. Each step decodes only
 * {@code ids[prefix, count)} and emits what it adds to the text of {@code ids[prefix, read)}; the prefix gives
 * the decoder context (decoders that drop a leading space at the start of a text, byte-level merges). A text
 * that ends in U+FFFD is an incomplete UTF-8 sequence (a character split across tokens): it is held back until
 * a later token completes it, or until {@link #flush}.
 *
 * <p>Besides the text, it records each token boundary where text was emitted (ids so far, characters so far), so
 * that a cut in the text can be mapped back to the ids that spell a prefix of it.
 */
final class Detokenizer {
    private static final char REPLACEMENT = '\uFFFD';

    private final TokenDecoder decoder;
    private final StringBuilder text = new StringBuilder();
    private int prefixOffset;
    private int readOffset;
    /** Boundaries: after {@code boundaryIds[i]} ids the text was {@code boundaryChars[i]} characters long. */
    private int[] boundaryIds = new int[16];
    private int[] boundaryChars = new int[16];
    private int boundaries = 1; // (0 ids, 0 characters)

    Detokenizer(TokenDecoder decoder) {
        this.decoder = decoder;
    }

    /** The text emitted so far. */
    CharSequence text() {
        return text;
    }

    /** Takes {@code ids[0, count)}, of which all but the newest were taken before; returns characters added. */
    int advance(long[] ids, int count) {
        String prefix = decoder.decode(ids, prefixOffset, readOffset);
        String full = decoder.decode(ids, prefixOffset, count);
        if (full.length() < prefix.length() || !full.startsWith(prefix)
                || (!full.isEmpty() && full.charAt(full.length() - 1) == REPLACEMENT)) {
            return 0; // an incomplete character (or a decoder that rewrote the window): wait for more
        }
        int before = text.length();
        text.append(full, prefix.length(), full.length());
        prefixOffset = readOffset;
        readOffset = count;
        mark(count);
        return text.length() - before;
    }

    /** Emits whatever is held back, complete or not; returns characters added. */
    int flush(long[] ids, int count) {
        if (readOffset == count) {
            return 0;
        }
        String prefix = decoder.decode(ids, prefixOffset, readOffset);
        String full = decoder.decode(ids, prefixOffset, count);
        int before = text.length();
        if (full.startsWith(prefix)) {
            text.append(full, prefix.length(), full.length());
        } else { // not expected of a real decoder: fall back to decoding everything
            text.setLength(0);
            text.append(decoder.decode(ids, 0, count));
        }
        prefixOffset = readOffset;
        readOffset = count;
        mark(count);
        return text.length() - before;
    }

    /**
     * The most ids (and the characters they spell) of the recorded boundaries whose text is at most
     * {@code chars} characters long: {@code {ids, characters}}.
     */
    int[] boundaryAtMost(int chars) {
        for (int i = boundaries - 1; i >= 0; i--) {
            if (boundaryChars[i] <= chars) {
                return new int[] {boundaryIds[i], boundaryChars[i]};
            }
        }
        return new int[] {0, 0};
    }

    private void mark(int count) {
        if (boundaries == boundaryIds.length) {
            boundaryIds = Arrays.copyOf(boundaryIds, 2 * boundaries);
            boundaryChars = Arrays.copyOf(boundaryChars, 2 * boundaries);
        }
        boundaryIds[boundaries] = count;
        boundaryChars[boundaries] = text.length();
        boundaries++;
    }
}
