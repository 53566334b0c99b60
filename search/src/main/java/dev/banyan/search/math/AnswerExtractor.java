package dev.banyan.search.math;

import java.util.Optional;

/**
 * Finds the final answer a solution states. The last {@code \boxed{...}} wins; failing that, the text after
 * the last answer marker ({@code The answer is}, {@code The final answer is}, {@code Final Answer:},
 * {@code ####}, or {@code A:} at the start of a line), up to the end of its line and its first sentence.
 * Works in time linear in the text, whatever it holds.
 */
final class AnswerExtractor {

    /** Markers, lower case; each is looked for case-insensitively, the one latest in the text wins. */
    private static final String[] MARKERS = {"the final answer is", "the answer is", "final answer:", "####"};

    private AnswerExtractor() {
    }

    /** The stated answer: empty when the text states none or states an empty one ({@code \boxed{}}). */
    static Optional<String> extract(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String boxed = Braces.lastBoxed(text);
        if (boxed != null) {
            return nonBlank(clean(boxed));
        }
        String lower = lowerCase(text);
        int best = -1;
        int bestEnd = -1;
        for (String marker : MARKERS) {
            int at = lower.lastIndexOf(marker);
            if (at > best) {
                best = at;
                bestEnd = at + marker.length();
            }
        }
        int a = lastLineStartingWithA(text);
        if (a > best) {
            best = a;
            bestEnd = text.indexOf(':', a) + 1;
        }
        if (best < 0) {
            return Optional.empty();
        }
        int lineEnd = text.indexOf('\n', bestEnd);
        String rest = text.substring(bestEnd, lineEnd < 0 ? text.length() : lineEnd);
        return nonBlank(clean(firstSentence(rest)));
    }

    /** Lower case, char by char, so that indices match the original (unlike {@link String#toLowerCase}). */
    private static String lowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /** Index of the {@code A} of the last line that starts (after spaces) with {@code A:}, or -1. */
    private static int lastLineStartingWithA(String text) {
        int at = text.length();
        while (at > 0) {
            int found = text.lastIndexOf("A:", at - 1);
            if (found < 0) {
                return -1;
            }
            int i = found - 1;
            while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i--;
            }
            if (i < 0 || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                return found;
            }
            at = found;
        }
        return -1;
    }

    /** The answer part of what follows a marker: the inside of {@code $...$} if it opens so, else up to ". ". */
    private static String firstSentence(String rest) {
        String s = rest.strip();
        if (s.startsWith(":")) {
            s = s.substring(1).strip();
        }
        if (s.startsWith("$")) {
            int open = s.startsWith("$$") ? 2 : 1;
            int close = s.indexOf(open == 2 ? "$$" : "$", open);
            if (close > 0) {
                return s.substring(open, close);
            }
        }
        for (int i = 0; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '.' && Character.isWhitespace(s.charAt(i + 1))) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    /** Strips markdown bold, math delimiters, and trailing full stops. */
    private static String clean(String answer) {
        String s = answer.strip();
        boolean changed = true;
        while (changed && !s.isEmpty()) {
            String before = s;
            if (s.startsWith("**")) {
                s = s.substring(2).strip();
            }
            if (s.endsWith("**")) {
                s = s.substring(0, s.length() - 2).strip();
            }
            while (s.endsWith(".") || s.endsWith("$")) {
                s = s.substring(0, s.length() - 1).strip();
            }
            if (s.startsWith("$") && s.indexOf('$', 1) < 0 && !Character.isDigit(s.length() > 1 ? s.charAt(1) : 'x')) {
                s = s.substring(1).strip();
            }
            if (s.startsWith("\\(") && s.endsWith("\\)") || s.startsWith("\\[") && s.endsWith("\\]")) {
                s = s.substring(2, s.length() - 2).strip();
            }
            changed = !s.equals(before);
        }
        return s;
    }

    private static Optional<String> nonBlank(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
