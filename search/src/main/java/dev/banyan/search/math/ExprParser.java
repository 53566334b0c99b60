package dev.banyan.search.math;

import java.math.BigInteger;
import java.util.Set;

/**
 * A recursive-descent parser from a normalised answer ({@link AnswerNormalizer}) to an {@link Expr}.
 *
 * <pre>
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/' | \cdot | \times | \div) unary | power)*      juxtaposition multiplies: 2x, 2\pi
 * unary   := ('-' | '+') unary | power
 * power   := postfix ('^' exponent)?                                         right-associative
 * postfix := primary '!'*
 * primary := number | number \frac{int}{int} (a mixed number) | letter ('_' index)? | '(' sum ')' | '{' sum '}'
 *          | \frac arg arg | \sqrt('[' int ']')? arg | \pi | \infty | \alpha... | \sin arg ...
 * arg     := '{' sum '}' | one digit or letter                              so \frac12 is 1/2
 * </pre>
 * Anything else (a word of three or more letters, an unknown command, brackets, relations) fails with
 * {@link Unparseable}, and the answer is then compared as text. Nesting is capped, so no input overflows
 * the stack.
 */
final class ExprParser {

    /** Thrown when the text is not an expression this parser reads. */
    static final class Unparseable extends RuntimeException {
        Unparseable(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 100;
    private static final Set<String> FUNCTIONS = Set.of("sin", "cos", "tan", "cot", "sec", "csc", "arcsin",
            "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "exp", "lg");
    private static final Set<String> SYMBOLS = Set.of("pi", "infty", "alpha", "beta", "gamma", "delta",
            "epsilon", "varepsilon", "theta", "lambda", "mu", "phi", "varphi", "omega", "sigma", "tau", "rho");

    private final String s;
    private int pos;
    private int depth;

    private ExprParser(String s) {
        this.s = s;
    }

    /** Parses the whole of {@code text} as one expression. */
    static Expr parse(String text) {
        ExprParser p = new ExprParser(text);
        Expr e = p.sum();
        p.skipSpaces();
        if (p.pos != p.s.length()) {
            throw new Unparseable("unexpected '" + p.s.charAt(p.pos) + "' at " + p.pos);
        }
        return e;
    }

    // ------------------------------------------------------------------ grammar

    private Expr sum() {
        enter();
        Expr e = product();
        while (true) {
            skipSpaces();
            if (eat('+')) {
                e = new Expr.Add(e, product());
            } else if (eat('-')) {
                e = new Expr.Add(e, new Expr.Neg(product()));
            } else {
                depth--;
                return e;
            }
        }
    }

    private Expr product() {
        Expr e = unary();
        while (true) {
            skipSpaces();
            if (eat('*') || eatCommand("cdot") || eatCommand("times")) {
                e = new Expr.Mul(e, unary());
            } else if (eat('/') || eatCommand("div")) {
                e = new Expr.Div(e, unary());
            } else if (startsPrimary()) {
                e = new Expr.Mul(e, power());
            } else {
                return e;
            }
        }
    }

    private Expr unary() {
        skipSpaces();
        if (eat('-')) {
            enter();
            Expr e = new Expr.Neg(unary());
            depth--;
            return e;
        }
        if (eat('+')) {
            return unary();
        }
        return power();
    }

    private Expr power() {
        Expr base = postfix();
        skipSpaces();
        if (!eat('^')) {
            return base;
        }
        skipSpaces();
        enter();
        Expr exponent;
        if (peek() == '{') {
            exponent = group('{', '}');
        } else if (Character.isDigit(peek())) {
            exponent = number();
        } else if (eat('-')) {
            exponent = new Expr.Neg(power());
        } else {
            exponent = power();
        }
        if (peekAfterSpaces() == '^') {
            pos = skipFrom(pos);
            pos++;
            Expr tower = power();
            exponent = new Expr.Pow(exponent, tower);
        }
        depth--;
        return new Expr.Pow(base, exponent);
    }

    private Expr postfix() {
        Expr e = primary();
        while (eat('!')) {
            e = new Expr.Factorial(e);
        }
        return e;
    }

    private Expr primary() {
        skipSpaces();
        enter();
        try {
            char c = peek();
            if (Character.isDigit(c) || c == '.') {
                Expr n = number();
                int save = pos;
                skipSpaces();
                if (isInteger(n) && s.startsWith("\\frac", pos)) {
                    Expr frac = command();
                    if (frac instanceof Expr.Div d && isInteger(d.a()) && isInteger(d.b())) {
                        return new Expr.Add(n, frac);
                    }
                }
                pos = save;
                return n;
            }
            if (c == '(') {
                return group('(', ')');
            }
            if (c == '{') {
                return group('{', '}');
            }
            if (c == '\\') {
                return command();
            }
            if (isLetter(c)) {
                return letters();
            }
            throw new Unparseable(pos < s.length() ? "unexpected '" + c + "' at " + pos : "unexpected end");
        } finally {
            depth--;
        }
    }

    private Expr number() {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
        } else if (pos < s.length() && s.charAt(pos) == '.' && pos > start) {
            pos++; // "5." is 5
        }
        String literal = s.substring(start, pos);
        if (literal.isEmpty() || literal.equals(".")) {
            throw new Unparseable("bad number at " + start);
        }
        return new Expr.Num(Rational.parseDecimal(literal.endsWith(".") ? literal.substring(0, literal.length() - 1) : literal));
    }

    private Expr letters() {
        int start = pos;
        while (pos < s.length() && isLetter(s.charAt(pos))) {
            pos++;
        }
        String word = s.substring(start, pos);
        if (word.length() >= 2 && (FUNCTIONS.contains(word) || word.equals("sqrt") || word.equals("pi"))) {
            return named(word);
        }
        if (word.length() >= 3) {
            throw new Unparseable("word '" + word + "'");
        }
        pos = start + 1;
        String name = word.substring(0, 1);
        if (eat('_')) {
            name += "_" + rawArgument();
        }
        return new Expr.Sym(name);
    }

    private Expr command() {
        int start = pos;
        pos++; // the backslash
        while (pos < s.length() && isLetter(s.charAt(pos))) {
            pos++;
        }
        String name = s.substring(start + 1, pos);
        if (name.isEmpty()) {
            throw new Unparseable("bad command at " + start);
        }
        return named(name);
    }

    private Expr named(String name) {
        switch (name) {
            case "frac" -> {
                Expr a = argument();
                Expr b = argument();
                return new Expr.Div(a, b);
            }
            case "sqrt" -> {
                int index = 2;
                skipSpaces();
                if (eat('[')) {
                    Expr n = number();
                    skipSpaces();
                    expect(']');
                    Rational v = ((Expr.Num) n).value();
                    if (!v.isInteger() || v.num().compareTo(BigInteger.valueOf(Roots.MAX_INDEX)) > 0 || v.signum() <= 0) {
                        throw new Unparseable("root index " + v);
                    }
                    index = v.num().intValue();
                }
                return new Expr.Root(index, argument());
            }
            default -> {
                if (SYMBOLS.contains(name)) {
                    return new Expr.Sym("\\" + name);
                }
                if (FUNCTIONS.contains(name)) {
                    String fn = name;
                    if (eat('_')) {
                        fn += "_" + rawArgument();
                    }
                    skipSpaces();
                    Expr arg = peek() == '(' ? group('(', ')') : peek() == '{' ? group('{', '}') : power();
                    return new Expr.Call(fn, arg);
                }
                throw new Unparseable("command \\" + name);
            }
        }
    }

    /** A macro argument: a braced group, or a single digit or letter ({@code \frac12}). */
    private Expr argument() {
        skipSpaces();
        char c = peek();
        if (c == '{') {
            return group('{', '}');
        }
        if (c == '(') {
            return group('(', ')');
        }
        if (Character.isDigit(c)) {
            pos++;
            return new Expr.Num(Rational.of(c - '0'));
        }
        if (isLetter(c)) {
            pos++;
            return new Expr.Sym(String.valueOf(c));
        }
        if (c == '\\') {
            return command();
        }
        throw new Unparseable("missing argument at " + pos);
    }

    /** The text of a subscript: a braced group's text, or one character. */
    private String rawArgument() {
        if (peek() == '{') {
            int close = Braces.close(s, pos);
            if (close < 0) {
                throw new Unparseable("unclosed subscript");
            }
            String raw = s.substring(pos + 1, close).replace(" ", "");
            pos = close + 1;
            return raw;
        }
        if (pos >= s.length()) {
            throw new Unparseable("missing subscript");
        }
        return String.valueOf(s.charAt(pos++));
    }

    private Expr group(char open, char close) {
        expect(open);
        Expr e = sum();
        skipSpaces();
        expect(close);
        return e;
    }

    // ------------------------------------------------------------------ scanning

    private boolean startsPrimary() {
        char c = peek();
        if (Character.isDigit(c) || c == '(' || c == '{' || isLetter(c)) {
            return true;
        }
        if (c == '\\') {
            int i = pos + 1;
            while (i < s.length() && isLetter(s.charAt(i))) {
                i++;
            }
            String name = s.substring(pos + 1, i);
            return name.equals("frac") || name.equals("sqrt") || SYMBOLS.contains(name) || FUNCTIONS.contains(name);
        }
        return false;
    }

    private static boolean isInteger(Expr e) {
        return e instanceof Expr.Num n && n.value().isInteger();
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new Unparseable("nested too deep");
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char peekAfterSpaces() {
        int i = skipFrom(pos);
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private int skipFrom(int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private void skipSpaces() {
        pos = skipFrom(pos);
    }

    private boolean eat(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean eatCommand(String name) {
        if (s.startsWith("\\" + name, pos)) {
            int end = pos + 1 + name.length();
            if (end >= s.length() || !isLetter(s.charAt(end))) {
                pos = end;
                return true;
            }
        }
        return false;
    }

    private void expect(char c) {
        if (!eat(c)) {
            throw new Unparseable("expected '" + c + "' at " + pos);
        }
    }
}
