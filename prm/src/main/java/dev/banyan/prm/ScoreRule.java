package dev.banyan.prm;

import dev.banyan.engine.Readout;
import dev.banyan.engine.TextCodec;
import java.nio.file.Path;

/**
 * Turns the graph's output at one position into a score in [0, 1], by a {@link PrmConfig}'s style. Built once,
 * after the tokenizer has confirmed every token prm.json names. Pure functions: any thread.
 */
sealed interface ScoreRule {

    /** The score from the output's values at one position (the readout's width of them). */
    double score(float[] values);

    /** The output a model of {@code config}'s style is read from; KV optional. */
    static Readout readout(PrmConfig config) {
        int width = switch (config.style()) {
            case STEP_TAG -> Readout.VOCABULARY;
            case TOKEN_CLASSIFICATION -> 2;
            case VALUE_HEAD -> 1;
        };
        return new Readout(config.output(), width, false);
    }

    /**
     * The rule of {@code config}, its tokens looked up in {@code codec}.
     *
     * @param vocabSize config.json's vocab_size: the width of a step-tag model's logits
     * @param tokenizerJson named in the error when a token is missing
     */
    static ScoreRule of(PrmConfig config, TextCodec codec, int vocabSize, Path tokenizerJson) {
        return switch (config.style()) {
            case STEP_TAG -> new TagPair(tokenId(config, codec, "good", config.good(), vocabSize, tokenizerJson),
                    tokenId(config, codec, "bad", config.bad(), vocabSize, tokenizerJson));
            case TOKEN_CLASSIFICATION -> new PositiveClass(config.positiveIndex());
            case VALUE_HEAD -> new Scalar(config.activation() == PrmConfig.Activation.SIGMOID);
        };
    }

    /** The id of prm.json's {@code key} token; fails naming prm.json, the token and tokenizer.json. */
    static int tokenId(PrmConfig config, TextCodec codec, String key, String token, int vocabSize, Path tokenizerJson) {
        long id = codec.tokenId(token).orElseThrow(() -> new IllegalArgumentException("prm.json (" + config.file()
                + "): " + key + " " + PrmConfig.quote(token) + " is not a token of tokenizer.json (" + tokenizerJson
                + "); expected the text of exactly one token of its vocabulary"));
        if (id >= vocabSize) {
            throw new IllegalArgumentException("prm.json (" + config.file() + "): " + key + " " + PrmConfig.quote(token)
                    + " has id " + id + " in tokenizer.json (" + tokenizerJson + "), beyond the model's vocab_size "
                    + vocabSize + " (config.json)");
        }
        return (int) id;
    }

    /** Math-Shepherd: P(good) among {good, bad}, a softmax over the two logits. */
    record TagPair(int good, int bad) implements ScoreRule {
        @Override
        public double score(float[] logits) {
            return checked(logistic((double) logits[good] - logits[bad]));
        }
    }

    /** The positive class's probability, a softmax over the two classes. */
    record PositiveClass(int positive) implements ScoreRule {
        @Override
        public double score(float[] logits) {
            return checked(logistic((double) logits[positive] - logits[1 - positive]));
        }
    }

    /** A value head's scalar, squashed by the logistic function or clipped to [0, 1]. */
    record Scalar(boolean sigmoid) implements ScoreRule {
        @Override
        public double score(float[] values) {
            double value = checked(values[0]);
            return sigmoid ? logistic(value) : Math.min(1, Math.max(0, value));
        }
    }

    /** {@code 1 / (1 + e^-x)}: the softmax of {@code x} against 0. */
    static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double checked(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalStateException("the reward model's output is NaN");
        }
        return value;
    }
}
