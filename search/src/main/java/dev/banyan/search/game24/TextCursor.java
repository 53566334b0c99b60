package dev.banyan.search.game24;

/**
 * A read position in one line of text, for the hand-written step and expression parsers: they report what
 * they expected and at which column, which a regular expression could not.
 */
final class TextCursor {
    private final String text;
    private final String what;
    private int position;

    /** @param what names the text in error messages, e.g. "step" */
    TextCursor(String text, String what) {
        this.text = text;
        this.what = what;
    }

    void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    boolean atEnd() {
        return position >= text.length();
    }

    /** The next character, or 0 at the end. */
    char peek() {
        return atEnd() ? 0 : text.charAt(position);
    }

    char next() {
        return text.charAt(position++);
    }

    /** Consumes {@code literal} if the text continues with it. */
    boolean consume(String literal) {
        if (text.startsWith(literal, position)) {
            position += literal.length();
            return true;
        }
        return false;
    }

    void expect(String literal, String description) {
        if (!consume(literal)) {
            throw error(description);
        }
    }

    boolean atDigit() {
        return !atEnd() && isDigit(peek());
    }

    /** Reads {@code 7}, {@code -7} or {@code 1/3} with no spaces inside. */
    Fraction fraction(String description) {
        int start = position;
        if (peek() == '-' && position + 1 < text.length() && isDigit(text.charAt(position + 1))) {
            position++;
        }
        if (!atDigit()) {
            position = start;
            throw error(description + " (an integer such as 7 or a fraction such as 1/3)");
        }
        skipDigits();
        if (peek() == '/' && position + 1 < text.length() && isDigit(text.charAt(position + 1))) {
            position++;
            skipDigits();
        }
        return parseNumber(start);
    }

    /** Reads an integer such as {@code 13} or {@code -13} (the minus directly before the digits). */
    Fraction signedInteger(String description) {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (!atDigit()) {
            position = start;
            throw error(description);
        }
        skipDigits();
        return parseNumber(start);
    }

    /** Reads a non-negative integer such as {@code 13}. */
    Fraction integer(String description) {
        int start = position;
        if (!atDigit()) {
            throw error(description);
        }
        skipDigits();
        return parseNumber(start);
    }

    private Fraction parseNumber(int start) {
        try {
            return Fraction.parse(text.substring(start, position));
        } catch (IllegalArgumentException e) {
            position = start;
            throw error("a number that fits in 64 bits with a non-zero denominator");
        }
    }

    private void skipDigits() {
        while (atDigit()) {
            position++;
        }
    }

    /** An error saying what was expected at the current column (1-based) and what was found there. */
    IllegalArgumentException error(String expected) {
        String found = atEnd() ? "the end of the text" : "'" + text.substring(position, Math.min(text.length(), position + 12)) + "'";
        return new IllegalArgumentException("malformed " + what + " '" + text + "': expected " + expected
                + " at column " + (position + 1) + ", found " + found);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
