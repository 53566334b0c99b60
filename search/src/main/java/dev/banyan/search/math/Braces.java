package dev.banyan.search.math;

/** Brace matching over LaTeX text; escaped braces ({@code \{}, {@code \}}) are not counted. */
final class Braces {

    /** How many boxes, from the last, are tried before giving up (bounds the work on unclosed boxes). */
    private static final int MAX_TRIES = 16;

    private Braces() {
    }

    /** The index of the {@code '}'} closing the {@code '{'} at {@code open}, or -1 when it is never closed. */
    static int close(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The content of the last {@code \boxed{...}} or {@code \fbox{...}} in {@code s} (an empty string for an
     * empty box), also the short form {@code \boxed 5}; null when there is none, or it is never closed.
     */
    static String lastBoxed(String s) {
        int at = Math.max(s.lastIndexOf("\\boxed"), s.lastIndexOf("\\fbox"));
        for (int tries = 0; at >= 0 && tries < MAX_TRIES; tries++) {
            int start = at + (s.startsWith("\\boxed", at) ? 6 : 5);
            int i = start;
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '{') {
                int end = close(s, i);
                if (end >= 0) {
                    return s.substring(i + 1, end);
                }
            } else if (i > start && i < s.length()) {
                int end = i;
                while (end < s.length() && " $.,\n".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
                return s.substring(i, end);
            }
            at = Math.max(s.lastIndexOf("\\boxed", at - 1), s.lastIndexOf("\\fbox", at - 1));
        }
        return null;
    }
}
