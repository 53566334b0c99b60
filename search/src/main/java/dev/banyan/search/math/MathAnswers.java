package dev.banyan.search.math;

import dev.banyan.search.tasks.Grade;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the final answer a solution text states, and tells equivalent answers apart from different ones.
 *
 * <p>Answers compare by value, exactly: a number (integer, decimal, fraction, {@code \frac}, mixed number,
 * with or without currency, unit words, percent sign or thousands separators) becomes a rational; an
 * expression with symbols ({@code 2x+3}, {@code 3\sqrt{2}}, {@code 2\pi}) is evaluated exactly at fixed
 * pseudo-random rational points; tuples and intervals compare element by element with their brackets, sets
 * and bare lists regardless of order. What cannot be read compares as text (lower case, no whitespace).
 * {@code 50\%} is 50, not 1/2: see {@link AnswerNormalizer}. Every method is total (no exceptions) and
 * bounded: answers over {@value AnswerNormalizer#MAX_LENGTH} characters compare as text, numbers are capped at
 * {@value Rational#MAX_BITS} bits, and each comparison has a deadline of {@value #DEADLINE_MILLIS} ms of CPU time
 * (see {@link Deadline}) after which it compares normalised text.
 */
public final class MathAnswers {

    /** CPU time allowed to read one answer, or both answers of a comparison, in milliseconds. */
    static final long DEADLINE_MILLIS = 100;

    static {
        // load and initialise the reading classes now, so that the first deadline is not spent on class loading
        try {
            ParsedAnswer.read("\\frac{1}{2} + \\sqrt{2}x, 1", Deadline.inMillis(1_000));
        } catch (RuntimeException slowStart) {
            // nothing to do: the classes are loaded either way
        }
    }

    private MathAnswers() {
    }

    /**
     * The final answer stated in text (a whole worked solution or a single step): the last {@code \boxed{...}},
     * or what follows the last "The answer is", "The final answer is", "Final Answer:", "#### " or a line's
     * "A: ". Empty when it states none, or an empty box.
     */
    public static Optional<String> extract(String text) {
        try {
            return AnswerExtractor.extract(text);
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** The canonical key of an answer: equivalent answers get equal keys wherever the normaliser can tell. */
    public static String key(String answer) {
        return read(answer == null ? "" : answer, Deadline.inMillis(DEADLINE_MILLIS)).key();
    }

    /** Whether two (already extracted) answers are equivalent; symmetric and reflexive. */
    public static boolean equivalent(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.equals(b)) {
            return true;
        }
        ParsedAnswer[] both = readBoth(a, b);
        return both[0].key().equals(both[1].key());
    }

    /**
     * Grades a prediction against a gold. The gold may be a bare answer or a worked solution, whose answer is
     * extracted the same way; a gold with no answer marker is taken whole as the answer.
     */
    public static Grade grade(String gold, String prediction) {
        String goldAnswer = gold == null ? null : extract(gold).orElse(null);
        if (goldAnswer == null && gold != null && Braces.lastBoxed(gold) == null && !gold.isBlank()) {
            goldAnswer = gold.strip();
        }
        String predicted = prediction == null ? null : extract(prediction).orElse(null);
        if (goldAnswer == null) {
            return new Grade(false, null, predicted, "gold states no answer");
        }
        if (predicted == null) {
            return new Grade(false, goldAnswer, null, "prediction states no answer");
        }
        ParsedAnswer[] both = readBoth(goldAnswer, predicted);
        ParsedAnswer g = both[0];
        ParsedAnswer p = both[1];
        boolean equal = goldAnswer.equals(predicted) || g.key().equals(p.key());
        return new Grade(equal, goldAnswer, predicted, reason(equal, g, p, goldAnswer, predicted));
    }

    // ------------------------------------------------------------------ internals

    private static String reason(boolean equal, ParsedAnswer g, ParsedAnswer p, String gold, String predicted) {
        if (equal) {
            return g.kind() == ParsedAnswer.Kind.TEXT ? "equal as text" : "equal";
        }
        if (g.kind() == ParsedAnswer.Kind.TEXT && p.kind() == ParsedAnswer.Kind.TEXT) {
            return "unparseable gold " + quote(gold) + " and prediction " + quote(predicted) + " compared as text";
        }
        if (p.kind() == ParsedAnswer.Kind.TEXT) {
            return "unparseable prediction " + quote(predicted) + " compared as text";
        }
        if (g.kind() == ParsedAnswer.Kind.TEXT) {
            return "unparseable gold " + quote(gold) + " compared as text";
        }
        if (g.kind() == ParsedAnswer.Kind.NUMBER && p.kind() == ParsedAnswer.Kind.NUMBER) {
            return "different values " + abbreviate(g.key()) + " and " + abbreviate(p.key());
        }
        return "different " + g.kind().name().toLowerCase(Locale.ROOT) + " " + quote(gold) + " and "
                + p.kind().name().toLowerCase(Locale.ROOT) + " " + quote(predicted);
    }

    private static String quote(String s) {
        return "'" + abbreviate(s) + "'";
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 40) + "...(" + s.length() + " chars)";
    }

    /** Both answers read under one deadline; when it passes, both are compared as text. */
    private static ParsedAnswer[] readBoth(String a, String b) {
        Deadline deadline = Deadline.inMillis(DEADLINE_MILLIS);
        try {
            return new ParsedAnswer[] {ParsedAnswer.read(a, deadline), ParsedAnswer.read(b, deadline)};
        } catch (Deadline.Expired e) {
            return new ParsedAnswer[] {asText(a), asText(b)};
        }
    }

    private static ParsedAnswer read(String answer, Deadline deadline) {
        try {
            return ParsedAnswer.read(answer, deadline);
        } catch (Deadline.Expired e) {
            return asText(answer);
        }
    }

    private static ParsedAnswer asText(String answer) {
        try {
            return ParsedAnswer.text(AnswerNormalizer.normalize(answer));
        } catch (RuntimeException | StackOverflowError e) {
            return ParsedAnswer.text(answer);
        }
    }
}
