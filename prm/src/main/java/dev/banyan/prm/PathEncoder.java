package dev.banyan.prm;

import dev.banyan.engine.TextCodec;
import dev.banyan.search.ReasoningPath;
import java.util.Arrays;
import java.util.List;

/**
 * Lays a path out as the reward model's text (the prompt, then every step followed by the suffix) and finds,
 * in its tokens, the position read for each step: the tag's, or the step's last token when there is no tag.
 *
 * <p>Token boundaries by construction. Byte-level BPE does not promise that a step boundary survives the
 * tokenisation of the whole text ({@code "\n\n"} merges with its neighbours), so the text is never tokenised
 * across one: the prompt is encoded with the first step (so that white space where they meet merges as it
 * would in the whole text), then each further step as one piece with the suffix's text before the tag; the
 * tag's id follows, and that is the step's read position; then the suffix's text after the tag, encoded alone.
 * Without a tag, a piece is the step and its whole suffix, read at its last token. Where the tokenizer keeps
 * those boundaries anyway (an added-token tag always; a newline-ended suffix almost always) the ids equal those
 * of the whole text. A path's tokens are a
 * prefix of its children's, so their keys and values carry over. Thread-safe: the codec is.
 */
final class PathEncoder {
    private final PrmConfig config;
    private final TextCodec codec;
    /** The tag's token id, or -1 when the score is read at each step's last token. */
    private final long tagId;
    /** The suffix's text before the tag (all of it without a tag), and after it. */
    private final String beforeTag;
    private final String afterTag;

    PathEncoder(PrmConfig config, TextCodec codec, long tagId) {
        this.config = config;
        this.codec = codec;
        this.tagId = tagId;
        String suffix = config.stepSuffix();
        if (tagId < 0) {
            beforeTag = suffix;
            afterTag = "";
        } else {
            int at = suffix.indexOf(config.tag());
            beforeTag = suffix.substring(0, at);
            afterTag = suffix.substring(at + config.tag().length());
        }
    }

    /**
     * A path's tokens, to read steps {@code first..depth} (1-based).
     *
     * @param tokens the whole text's tokens
     * @param reads the position read for each of those steps, ascending
     * @param stepStart where step {@code first}'s tokens start: the tokens of the text before it
     */
    record Encoded(long[] tokens, int[] reads, int stepStart) {
    }

    /** Encodes {@code path}, with read positions for steps {@code first} to its depth (1-based). */
    Encoded encode(ReasoningPath path, int first) {
        List<String> steps = path.steps();
        if (first < 1 || first > steps.size()) {
            throw new IllegalArgumentException("step " + first + " of a path of " + steps.size() + " steps");
        }
        // The prompt and the first step are encoded together: a step that opens with white space and a newline
        // merges with a prompt that ends in one. The prompt's own tokens are where they part.
        String prompt = config.prompt(path.question());
        long[] promptTokens = codec.encode(prompt);
        long[] opening = codec.encode(prompt + steps.get(0) + beforeTag);
        int promptEnd = commonPrefix(promptTokens, opening);
        long[] after = afterTag.isEmpty() ? new long[0] : codec.encodePiece(afterTag);
        long[][] pieces = new long[steps.size() + 1][];
        pieces[0] = Arrays.copyOf(opening, promptEnd);
        int length = promptEnd;
        int extra = tagId < 0 ? 0 : 1;
        for (int i = 0; i < steps.size(); i++) {
            pieces[i + 1] = i == 0 ? Arrays.copyOfRange(opening, promptEnd, opening.length)
                    : codec.encodePiece(steps.get(i) + beforeTag);
            if (pieces[i + 1].length + extra == 0) {
                throw new IllegalArgumentException("step " + (i + 1) + " adds no tokens to the reward model's text");
            }
            length += pieces[i + 1].length + extra + after.length;
        }
        long[] tokens = new long[length];
        int[] reads = new int[steps.size() - first + 1];
        int at = 0;
        int stepStart = 0;
        for (int i = 0; i < pieces.length; i++) {
            if (i == first) {
                stepStart = at;
            }
            System.arraycopy(pieces[i], 0, tokens, at, pieces[i].length);
            at += pieces[i].length;
            if (i > 0) {
                if (extra > 0) {
                    tokens[at++] = tagId;
                }
                if (i >= first) {
                    reads[i - first] = at - 1;
                }
                System.arraycopy(after, 0, tokens, at, after.length);
                at += after.length;
            }
        }
        return new Encoded(tokens, reads, stepStart);
    }

    /** How many leading tokens {@code a} and {@code b} share. */
    private static int commonPrefix(long[] a, long[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
