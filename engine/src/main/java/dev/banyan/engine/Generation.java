package dev.banyan.engine;

import dev.banyan.search.StepProposal;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;

/**
 * One proposal being generated: its sampled tokens, their summed log-probability, and when to stop. It stops
 * on an end-of-sequence token (left out of the text, counted as generated), on a stop string (matched in the
 * decoded text, so it may span token boundaries; the text is cut where the earliest stop string begins), or
 * after {@code maxTokens} tokens.
 */
final class Generation {
    enum Stop { NONE, EOS, STOP_STRING, MAX_TOKENS }

    private final SplittableRandom random;
    private final List<String> stopStrings;
    private final int maxTokens;
    private final LongPredicate isEos;
    private final TokenDecoder decoder;
    private long[] ids;
    private int count;
    private double logProb;
    private String text = "";
    private Stop stop = Stop.NONE;

    Generation(SplittableRandom random, List<String> stopStrings, int maxTokens, LongPredicate isEos, TokenDecoder decoder) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        this.random = random;
        this.stopStrings = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
        this.maxTokens = maxTokens;
        this.isEos = isEos;
        this.decoder = decoder;
        this.ids = new long[Math.min(maxTokens, 64)];
    }

    SplittableRandom random() {
        return random;
    }

    /** Records a sampled token; returns whether the proposal is finished. */
    boolean accept(long token, double tokenLogProb) {
        if (stop != Stop.NONE) {
            throw new IllegalStateException("the proposal already stopped (" + stop + ")");
        }
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, Math.min(maxTokens, 2 * count));
        }
        ids[count++] = token;
        logProb += tokenLogProb;
        if (isEos.test(token)) {
            text = decoder.decode(ids, count - 1);
            stop = Stop.EOS;
            return true;
        }
        text = decoder.decode(ids, count);
        int cut = -1;
        for (String stopString : stopStrings) {
            int at = text.indexOf(stopString);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            text = text.substring(0, cut);
            stop = Stop.STOP_STRING;
        } else if (count == maxTokens) {
            stop = Stop.MAX_TOKENS;
        }
        return stop != Stop.NONE;
    }

    Stop stop() {
        return stop;
    }

    /** Tokens sampled so far. */
    int count() {
        return count;
    }

    /** The most recent token. */
    long last() {
        return ids[count - 1];
    }

    /** The sampled tokens whose keys and values exist: all but the newest, which was never fed back. */
    long[] fedTokens() {
        return Arrays.copyOf(ids, count - 1);
    }

    StepProposal proposal() {
        return new StepProposal(text, count, logProb, stop == Stop.EOS);
    }
}
