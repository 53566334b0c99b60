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
 *
 * <p>Text. Tokens are detokenised incrementally ({@link Detokenizer}): a token costs the decoding of a short
 * window, and a character split across tokens appears once it is whole. A stop string is looked for only where
 * it could end in the newly emitted text.
 *
 * <p>Ids. The proposal carries the ids of its text followed by the stop string that ended it (or, when the
 * end-of-sequence token or the token limit ended it, the first stop string, as a task's step delimiter is):
 * the generated ids up to the last token boundary inside that text, then the rest of it encoded alone. When the
 * stop string ends on a token boundary, as it usually does, those are exactly the generated ids. They are
 * checked by decoding once; a mismatch leaves the proposal without ids.
 */
final class Generation {
    enum Stop { NONE, EOS, STOP_STRING, MAX_TOKENS }

    private final SplittableRandom random;
    private final List<String> stopStrings;
    private final int longestStop;
    private final int maxTokens;
    private final LongPredicate isEos;
    private final TokenDecoder decoder;
    private final Detokenizer detokenizer;
    private long[] ids;
    private int count;
    private double logProb;
    /** The proposal's text once stopped. */
    private String text;
    /** The stop string that ended it, else null. */
    private String stopString;
    private Stop stop = Stop.NONE;

    Generation(SplittableRandom random, List<String> stopStrings, int maxTokens, LongPredicate isEos, TokenDecoder decoder) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        this.random = random;
        this.stopStrings = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
        this.longestStop = this.stopStrings.stream().mapToInt(String::length).max().orElse(0);
        this.maxTokens = maxTokens;
        this.isEos = isEos;
        this.decoder = decoder;
        this.detokenizer = new Detokenizer(decoder);
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
            detokenizer.flush(ids, count - 1);
            text = detokenizer.text().toString();
            stop = Stop.EOS;
            return true;
        }
        int before = detokenizer.text().length();
        int added = detokenizer.advance(ids, count);
        if (count == maxTokens) {
            added += detokenizer.flush(ids, count);
        }
        if (added > 0 && longestStop > 0) {
            CharSequence all = detokenizer.text();
            int from = Math.max(0, before - longestStop + 1);
            String window = all.subSequence(from, all.length()).toString();
            int cut = -1;
            for (String candidate : stopStrings) {
                int at = window.indexOf(candidate);
                if (at >= 0 && (cut < 0 || at < cut || (at == cut && candidate.length() > stopString.length()))) {
                    cut = at;
                    stopString = candidate;
                }
            }
            if (cut >= 0) {
                text = all.subSequence(0, from + cut).toString();
                stop = Stop.STOP_STRING;
                return true;
            }
        }
        if (count == maxTokens) {
            text = detokenizer.text().toString();
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

    /** The finished proposal. */
    StepProposal proposal() {
        if (stop == Stop.NONE) {
            throw new IllegalStateException("the proposal has not stopped");
        }
        return new StepProposal(text, count, logProb, stop == Stop.EOS, stepIds());
    }

    /** The ids of the text and the stop string after it (see the class comment), or null when they cannot be had. */
    long[] stepIds() {
        String tail = stopString != null ? stopString : stopStrings.isEmpty() ? "" : stopStrings.get(0);
        String spelled = text + tail;
        // Boundaries never pass the end-of-sequence token, which was never detokenised.
        int[] boundary = detokenizer.boundaryAtMost(spelled.length());
        int kept = boundary[0];
        int chars = boundary[1];
        CharSequence emitted = detokenizer.text();
        if (chars > emitted.length() || !spelled.startsWith(emitted.subSequence(0, chars).toString())) {
            return null;
        }
        long[] rest = chars < spelled.length() ? decoder.encodePiece(spelled.substring(chars)) : new long[0];
        long[] result = Arrays.copyOf(ids, kept + rest.length);
        System.arraycopy(rest, 0, result, kept, rest.length);
        return decoder.decode(result, result.length).equals(spelled) ? result : null;
    }
}
