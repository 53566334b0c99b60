package dev.banyan.search.math;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an answer's LaTeX and prose into a plain form the {@link ExprParser} reads, dropping whatever
 * does not change the value: math delimiters and {@code \boxed{}}, currency ({@code $}, {@code \$}), percent
 * signs, degree marks, spacing commands, {@code \left}/{@code \right}, unit words and {@code \text{...}}
 * units, a leading {@code x =}, and thousands separators. {@code \dfrac}/{@code \tfrac} become
 * {@code \frac}; {@code 2 1/2} becomes a sum; {@code thousand}/{@code million}/{@code billion} become powers
 * of ten.
 *
 * <p>Percent: {@code 50%} normalises to {@code 50}, not to {@code 1/2}. GSM8K asks "what percent ..." and
 * labels the bare number ({@code 50}), and a model answering {@code 50%} means the same; treating the sign
 * as a unit keeps that match and keeps equivalence transitive (it cannot equal both 50 and 1/2).
 */
final class AnswerNormalizer {

    /** Answers longer than this are only compared as text: no rewriting beyond case and whitespace. */
    static final int MAX_LENGTH = 2_000;

    private static final Pattern TEXT_COMMAND =
            Pattern.compile("\\\\(?:text|textbf|textit|textrm|texttt|mathrm|mathbf|mathit|mbox|operatorname)\\s*\\{");
    private static final Pattern UNIT_LIKE = Pattern.compile("[\\sA-Za-z.'/^0-9-]*[A-Za-z][\\sA-Za-z.'/^0-9-]*");
    private static final Pattern DEGREES = Pattern.compile("\\^\\s*\\{?\\s*\\\\circ\\s*\\}?|\\\\circ|°|\\\\degree");
    private static final Pattern SPACING =
            Pattern.compile("\\\\[!,;: ]|\\\\q?quad|\\\\displaystyle|\\\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])|~");
    private static final Pattern THIN_SPACE_GROUPS = Pattern.compile("(\\d)\\\\[,!]\\s*(?=\\d{3}(?!\\d))");
    private static final Pattern FRAC_VARIANTS = Pattern.compile("\\\\[dtc]frac(?![A-Za-z])");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z](?:_\\{?\\w{1,8}\\}?)?\\s*=\\s*([^=]+)$");
    private static final Pattern SCALE = Pattern.compile("(\\d)\\s*(thousand|million|billion|trillion)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_WORD = Pattern.compile("\\s+[A-Za-z][A-Za-z.']+(?:\\^\\{?\\d\\}?)?$");
    private static final Pattern LEADING_WORDS = Pattern.compile("^(?:[A-Za-z]{3,}\\.?\\s+)+(?=[-+.\\d])");
    private static final Pattern THOUSANDS = Pattern.compile("-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");
    private static final Pattern MIXED = Pattern.compile("(-?)(\\d+)\\s+(\\d+)\\s*/\\s*(\\d+)");

    private AnswerNormalizer() {
    }

    /** The answer rewritten for parsing; for over-long answers, {@link #asText} of it. */
    static String normalize(String answer) {
        if (answer.length() > MAX_LENGTH) {
            return asText(answer);
        }
        String s = answer.strip();
        String boxed = Braces.lastBoxed(s);
        if (boxed != null) {
            s = boxed.strip();
        }
        s = s.replace("\\$", "").replace("$", "");
        s = stripDelimiters(s);
        s = THIN_SPACE_GROUPS.matcher(s).replaceAll("$1");
        s = SPACING.matcher(s).replaceAll(" ");
        s = DEGREES.matcher(s).replaceAll("");
        s = s.replace("\\%", "").replace("%", "").replace("{,}", ",");
        s = FRAC_VARIANTS.matcher(s).replaceAll("\\\\frac");
        s = textCommands(s);
        s = s.replace('\u2212', '-').replace("\u00d7", "\\times ").replace("\u00f7", "\\div ");
        s = s.strip();
        s = stripTrailing(s);
        Matcher assignment = ASSIGNMENT.matcher(s);
        if (assignment.matches()) {
            s = assignment.group(1).strip();
        }
        s = SCALE.matcher(s).replaceAll(m -> m.group(1) + "\\\\cdot 10^{" + scaleExponent(m.group(2)) + "}");
        s = stripUnitWords(s);
        if (THOUSANDS.matcher(s).matches()) {
            s = s.replace(",", "");
        }
        Matcher mixed = MIXED.matcher(s);
        if (mixed.matches()) {
            s = mixed.group(1) + "(" + mixed.group(2) + "+" + mixed.group(3) + "/" + mixed.group(4) + ")";
        }
        return s.replaceAll("\\s+", " ").strip();
    }

    /** The form an answer is compared in when it cannot be parsed: lower case, no whitespace. */
    static String asText(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static String stripDelimiters(String s) {
        s = s.strip();
        for (String[] pair : new String[][] {{"\\(", "\\)"}, {"\\[", "\\]"}}) {
            if (s.startsWith(pair[0]) && s.endsWith(pair[1]) && s.length() >= 4) {
                s = s.substring(2, s.length() - 2).strip();
            }
        }
        return s;
    }

    private static String stripTrailing(String s) {
        while (!s.isEmpty() && (s.endsWith(".") || s.endsWith(",") || s.endsWith(";"))) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** Units in {@code \text{...}} go when something else is left; other text commands are unwrapped. */
    private static String textCommands(String s) {
        for (int guard = 0; guard < 64; guard++) {
            Matcher m = TEXT_COMMAND.matcher(s);
            if (!m.find()) {
                return s;
            }
            int open = m.end() - 1;
            int close = Braces.close(s, open);
            if (close < 0) {
                return s.substring(0, m.start()) + s.substring(open + 1);
            }
            String content = s.substring(open + 1, close);
            String rest = s.substring(0, m.start()) + " " + s.substring(close + 1);
            boolean unit = UNIT_LIKE.matcher(content).matches() && !rest.isBlank()
                    && rest.chars().anyMatch(Character::isDigit);
            s = unit ? rest : s.substring(0, m.start()) + content + s.substring(close + 1);
        }
        return s;
    }

    /** Drops unit words after a number ({@code 18 dollars}, {@code 5 sq ft}) and a word before it ({@code Rs. 5}). */
    private static String stripUnitWords(String s) {
        for (int guard = 0; guard < 8; guard++) {
            Matcher m = TRAILING_WORD.matcher(s);
            if (!m.find() || !s.substring(0, m.start()).chars().anyMatch(Character::isDigit)) {
                break;
            }
            s = stripTrailing(s.substring(0, m.start()));
        }
        Matcher lead = LEADING_WORDS.matcher(s);
        if (lead.find() && s.substring(lead.end()).chars().anyMatch(Character::isDigit)) {
            s = s.substring(lead.end());
        }
        return s;
    }

    private static int scaleExponent(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "thousand" -> 3;
            case "million" -> 6;
            case "billion" -> 9;
            default -> 12;
        };
    }
}
