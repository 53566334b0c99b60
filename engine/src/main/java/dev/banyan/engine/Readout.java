package dev.banyan.engine;

import java.util.Objects;

/**
 * The output a {@link ForwardPass} reads, and whether the graph must take past keys and values. The policy reads
 * {@code logits} [batch, seq, vocab_size] from a graph with KV inputs ({@link #logits()}); a reward model reads
 * another head (a class pair, a scalar) from a graph that may or may not take KV.
 *
 * @param output the output's name
 * @param width values per position, or {@link #VOCABULARY} for config.json's {@code vocab_size}; an output of
 *              width 1 may also have rank 2, [batch, seq]
 * @param kvRequired whether the graph must take {@code past_key_values}; when false it takes all of them or none
 */
public record Readout(String output, int width, boolean kvRequired) {
    /** The width of a language-model head: the vocabulary size from config.json. */
    public static final int VOCABULARY = -1;

    public Readout {
        Objects.requireNonNull(output, "output");
        if (width < 1 && width != VOCABULARY) {
            throw new IllegalArgumentException("readout width must be positive or VOCABULARY, was " + width);
        }
    }

    /** The policy's readout: {@code logits} over the vocabulary, KV required. */
    public static Readout logits() {
        return new Readout(GraphSignature.LOGITS, VOCABULARY, true);
    }

    /** This readout with {@link #VOCABULARY} replaced by {@code config}'s vocabulary size. */
    Readout resolve(DecoderConfig config) {
        return width == VOCABULARY ? new Readout(output, config.vocabSize(), kvRequired) : this;
    }
}
