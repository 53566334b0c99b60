package dev.banyan.search.math;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An answer read into one of four kinds, each with a canonical key: a {@link Kind#NUMBER} keys to its exact
 * rational ({@code 18}, {@code -3/4}); an {@link Kind#EXPRESSION} with symbols ({@code 2x+3}, {@code \sqrt2})
 * keys to a fingerprint of its exact values at {@link #POINTS} fixed points; a {@link Kind#COLLECTION} keys to
 * its elements' keys, in order inside the original brackets for tuples and intervals ({@code (1,2]}), sorted
 * and without repeats for sets, bare lists and unions; anything else is {@link Kind#TEXT}, keyed to
 * {@link AnswerNormalizer#asText}.
 */
record ParsedAnswer(Kind kind, String key) {

    enum Kind { NUMBER, EXPRESSION, COLLECTION, TEXT }

    /** How many points an expression with symbols is evaluated at. */
    static final int POINTS = 4;

    /** Reads an (extracted) answer; throws {@link Deadline.Expired} when time runs out. */
    static ParsedAnswer read(String answer, Deadline deadline) {
        String normal;
        try {
            normal = AnswerNormalizer.normalize(answer);
        } catch (RuntimeException | StackOverflowError e) {
            return text(answer);
        }
        if (answer.length() > AnswerNormalizer.MAX_LENGTH || normal.isEmpty()) {
            return text(normal);
        }
        try {
            return collection(normal, deadline);
        } catch (Deadline.Expired e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Unparseable, undefined everywhere, too big, or a bug: compare as text rather than fail
            return text(normal);
        }
    }

    static ParsedAnswer text(String s) {
        return new ParsedAnswer(Kind.TEXT, AnswerNormalizer.asText(s));
    }

    // ------------------------------------------------------------------ collections

    private static ParsedAnswer collection(String s, Deadline deadline) {
        s = s.strip();
        deadline.check();
        List<String> union = splitTopLevel(s, "\\cup");
        if (union.size() > 1) {
            return new ParsedAnswer(Kind.COLLECTION, "U" + keysOf(union, deadline, true, "{", "}"));
        }
        if (s.startsWith("\\{") && s.endsWith("\\}") && s.length() >= 4) {
            return new ParsedAnswer(Kind.COLLECTION, keysOf(splitTopLevel(s.substring(2, s.length() - 2), ","),
                    deadline, true, "{", "}"));
        }
        if (s.length() >= 2 && enclosedWhole(s)) {
            char open = s.charAt(0);
            char close = s.charAt(s.length() - 1);
            List<String> parts = splitTopLevel(s.substring(1, s.length() - 1), ",");
            if (parts.size() > 1) {
                boolean set = open == '{';
                return new ParsedAnswer(Kind.COLLECTION, keysOf(parts, deadline, set,
                        String.valueOf(set ? '{' : open), String.valueOf(set ? '}' : close)));
            }
        }
        List<String> parts = splitTopLevel(s, ",");
        if (parts.size() > 1) {
            return new ParsedAnswer(Kind.COLLECTION, keysOf(parts, deadline, true, "{", "}"));
        }
        return expression(ExprParser.parse(s), deadline);
    }

    private static String keysOf(List<String> parts, Deadline deadline, boolean unordered, String open, String close) {
        List<String> keys = new ArrayList<>();
        for (String part : parts) {
            if (part.isBlank()) {
                throw new ExprParser.Unparseable("empty element");
            }
            keys.add(collection(part, deadline).key());
        }
        if (unordered) {
            keys = new ArrayList<>(new TreeSet<>(keys));
        }
        return open + String.join(",", keys) + close;
    }

    /** Whether s opens with a bracket that closes at its very end (bracket types may differ: {@code [0,1)}). */
    private static boolean enclosedWhole(String s) {
        if ("([{".indexOf(s.charAt(0)) < 0 || ")]}".indexOf(s.charAt(s.length() - 1)) < 0) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0 && --depth == 0 && i < s.length() - 1) {
                return false;
            }
        }
        return depth == 0;
    }

    /** Splits at each {@code separator} outside any bracket. */
    static List<String> splitTopLevel(String s, String separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (depth == 0 && s.startsWith(separator, i)) {
                parts.add(s.substring(start, i).strip());
                i += separator.length() - 1;
                start = i + 1;
            } else if (c == '\\' && i + 1 < s.length() && "{}".indexOf(s.charAt(i + 1)) >= 0) {
                depth += s.charAt(i + 1) == '{' ? 1 : -1;
                i++;
            } else if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            }
        }
        parts.add(s.substring(start).strip());
        return parts;
    }

    // ------------------------------------------------------------------ expressions

    private static ParsedAnswer expression(Expr e, Deadline deadline) {
        Rational[] values = new Rational[POINTS];
        boolean defined = false;
        for (int i = 0; i < POINTS; i++) {
            try {
                values[i] = e.eval(new Expr.Point(i, deadline));
                defined = true;
            } catch (Rational.TooBig tooBig) {
                throw tooBig;
            } catch (ArithmeticException undefined) {
                values[i] = null;
            }
        }
        if (!defined) {
            throw new ExprParser.Unparseable("undefined");
        }
        boolean constant = true;
        for (Rational v : values) {
            constant &= v != null && v.equals(values[0]);
        }
        if (constant) {
            return new ParsedAnswer(Kind.NUMBER, values[0].toString());
        }
        StringBuilder b = new StringBuilder();
        for (Rational v : values) {
            b.append(v == null ? "undefined" : v.toString()).append(';');
        }
        return new ParsedAnswer(Kind.EXPRESSION, "expr:" + fingerprint(b.toString()));
    }

    /** A 128-bit fingerprint of s (two independent 64-bit hashes), in hex. */
    private static String fingerprint(String s) {
        long h1 = 0xcbf29ce484222325L;
        long h2 = 0x84222325cbf29ce4L;
        for (int i = 0; i < s.length(); i++) {
            h1 = (h1 ^ s.charAt(i)) * 0x100000001b3L;
            h2 = h2 * 31 + s.charAt(i) + (h2 >>> 41);
        }
        return String.format("%016x%016x", mix(h1), mix(h2 ^ h1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
