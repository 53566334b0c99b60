package dev.banyan.prm;

import dev.banyan.engine.TextCodec;
import dev.banyan.search.ReasoningPath;
import java.util.List;

/**
 * Lays a path out as the reward model's text (the prompt, then every step followed by the suffix) and finds,
 * in its tokens, the position read for each step: the tag's, or the step's last token when there is no tag.
 *
 * <p>Token boundaries. A step's tokens end where the tokens of the text up to its suffix end; this assumes the
 * tokenizer is prefix-stable at step boundaries (true of character-level vocabularies, and of byte-level BPE
 * when the suffix ends in a newline). The tag is searched backwards from that end, so a step whose own text
 * holds the tag is still read at its suffix's tag. Thread-safe: the codec is.
 */
final class PathEncoder {
    private final PrmConfig config;
    private final TextCodec codec;
    /** The tag's token id, or -1 when the score is read at each step's last token. */
    private final long tagId;

    PathEncoder(PrmConfig config, TextCodec codec, long tagId) {
        this.config = config;
        this.codec = codec;
        this.tagId = tagId;
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
        StringBuilder text = new StringBuilder(config.prompt(path.question()));
        for (int i = 0; i < first - 1; i++) {
            text.append(steps.get(i)).append(config.stepSuffix());
        }
        long[] before = codec.encode(text.toString());
        // ends[k]: the tokens of the text up to step first + k - 1 and its suffix; ends[0] the text before step first.
        int[] ends = new int[steps.size() - first + 2];
        for (int i = first - 1; i < steps.size() - 1; i++) {
            text.append(steps.get(i)).append(config.stepSuffix());
            ends[i - first + 2] = codec.encode(text.toString()).length;
        }
        text.append(steps.get(steps.size() - 1)).append(config.stepSuffix());
        long[] tokens = codec.encode(text.toString());
        ends[0] = commonPrefix(before, tokens);
        ends[ends.length - 1] = tokens.length;
        int[] reads = new int[ends.length - 1];
        for (int k = 0; k < reads.length; k++) {
            reads[k] = readPosition(tokens, Math.min(ends[k], tokens.length), Math.min(ends[k + 1], tokens.length), first + k);
        }
        return new Encoded(tokens, reads, ends[0]);
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

    private int readPosition(long[] tokens, int start, int end, int step) {
        if (end <= start) {
            throw new IllegalArgumentException("step " + step + " adds no tokens to the reward model's text");
        }
        if (tagId < 0) {
            return end - 1;
        }
        for (int p = end - 1; p >= start; p--) {
            if (tokens[p] == tagId) {
                return p;
            }
        }
        throw new IllegalArgumentException("prm.json (" + config.file() + "): the tag " + PrmConfig.quote(config.tag())
                + " (token " + tagId + ") is not among the tokens of step " + step + " and its suffix; the tokenizer"
                + " must keep the step suffix's tokens apart from the step's");
    }
}
