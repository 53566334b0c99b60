package dev.banyan.engine.template;

import dev.banyan.engine.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into text and tag tokens, applying Jinja's whitespace control as transformers configures
 * it: {@code trim_blocks} (the first newline after a block or comment tag is dropped), {@code lstrip_blocks}
 * (spaces and tabs from the start of a line up to a block or comment tag are dropped), {@code -} on either side
 * of a tag (all whitespace on that side is dropped), {@code +} (no lstrip / no trim for that tag), and
 * {@code keep_trailing_newline=False} (one final newline of the source is dropped).
 */
final class Lexer {
    private static final String[] TWO_CHAR_OPS = {"//", "**", "==", "!=", "<=", ">="};
    private static final String ONE_CHAR_OPS = "+-*/%~<>=()[]{},.:|";

    private final String src;
    private final int n;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private boolean stripNext;

    private Lexer(String source) {
        this.src = source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
        this.n = src.length();
    }

    static List<Token> lex(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.out;
    }

    private void run() {
        while (true) {
            int tag = nextTagStart(pos);
            int textStart = pos;
            String text = src.substring(pos, tag < 0 ? n : tag);
            if (stripNext) {
                String stripped = Values.lstripWhitespace(text);
                textStart += text.length() - stripped.length();
                text = stripped;
                stripNext = false;
            }
            if (tag < 0) {
                emitText(text, textStart);
                out.add(new Token(Kind.EOF, "", n));
                return;
            }
            char kind = src.charAt(tag + 1);
            int p = tag + 2;
            char mod = p < n ? src.charAt(p) : 0;
            if (mod == '-') {
                text = Values.rstripWhitespace(text);
                p++;
            } else if (mod == '+' && kind != '{') {
                p++;
            } else if (kind != '{') {
                text = lstripBlock(text, textStart);
            }
            emitText(text, textStart);
            if (kind == '#') {
                skipComment(tag, p);
            } else if (kind == '%' && isRawBlock(p)) {
                lexRaw(tag, p);
            } else {
                out.add(new Token(kind == '{' ? Kind.VAR_BEGIN : Kind.BLOCK_BEGIN, kind == '{' ? "{{" : "{%", tag));
                pos = p;
                lexInside(tag, kind == '%');
            }
        }
    }

    /** lstrip_blocks: drop the spaces and tabs between the start of the line and the tag. */
    private String lstripBlock(String text, int textStart) {
        int lineStart = text.lastIndexOf('\n') + 1;
        boolean lineStarting = textStart == 0 || src.charAt(textStart - 1) == '\n';
        if (lineStart == 0 && !lineStarting) {
            return text;
        }
        for (int i = lineStart; i < text.length(); i++) {
            if (!Values.isSpace(text.charAt(i))) {
                return text;
            }
        }
        return text.substring(0, lineStart);
    }

    private void emitText(String text, int at) {
        if (!text.isEmpty()) {
            out.add(new Token(Kind.TEXT, text, at));
        }
    }

    private int nextTagStart(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < n; i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private void skipComment(int tag, int p) {
        int end = src.indexOf("#}", p);
        if (end < 0) {
            throw new TemplateError(tag, "unclosed comment: '{#' without '#}'");
        }
        char before = end > p ? src.charAt(end - 1) : 0;
        pos = end + 2;
        if (before == '-') {
            stripNext = true;
        } else if (before != '+') {
            skipNewline();
        }
    }

    private boolean isRawBlock(int p) {
        int i = skipSpaces(p);
        if (!src.startsWith("raw", i) || i + 3 < n && (Character.isLetterOrDigit(src.charAt(i + 3)) || src.charAt(i + 3) == '_')) {
            return false;
        }
        int j = skipSpaces(i + 3);
        return src.startsWith("%}", j) || src.startsWith("-%}", j) || src.startsWith("+%}", j);
    }

    private void lexRaw(int tag, int p) {
        int close = src.indexOf("%}", p) + 2;
        boolean minusAfterOpen = src.charAt(close - 3) == '-';
        int i = close;
        while (true) {
            int t = src.indexOf("{%", i);
            if (t < 0) {
                throw new TemplateError(tag, "unclosed 'raw' block: no '{% endraw %}'");
            }
            int q = t + 2;
            boolean minusBefore = q < n && src.charAt(q) == '-';
            int w = skipSpaces(minusBefore || (q < n && src.charAt(q) == '+') ? q + 1 : q);
            if (src.startsWith("endraw", w)) {
                int endClose = src.indexOf("%}", w);
                if (endClose < 0) {
                    throw new TemplateError(t, "unclosed tag: '{%' without '%}'");
                }
                String body = src.substring(close, t);
                if (minusAfterOpen) {
                    body = Values.lstripWhitespace(body);
                }
                if (minusBefore) {
                    body = Values.rstripWhitespace(body);
                }
                emitText(body, close);
                pos = endClose + 2;
                if (src.charAt(endClose - 1) == '-') {
                    stripNext = true;
                } else {
                    skipNewline();
                }
                return;
            }
            i = t + 2;
        }
    }

    private int skipSpaces(int i) {
        while (i < n && Values.isSpace(src.charAt(i))) {
            i++;
        }
        return i;
    }

    private void skipNewline() {
        if (src.startsWith("\n", pos)) {
            pos++;
        } else if (src.startsWith("\r\n", pos)) {
            pos += 2;
        }
    }

    /** Lexes an expression up to the tag's closing delimiter. */
    private void lexInside(int tag, boolean block) {
        String closer = block ? "%}" : "}}";
        int braces = 0;
        while (true) {
            pos = skipSpaces(pos);
            if (pos >= n) {
                throw new TemplateError(tag, "unclosed tag: '" + (block ? "{%" : "{{") + "' without '" + closer + "'");
            }
            if (braces == 0) {
                if (src.startsWith("-" + closer, pos)) {
                    out.add(new Token(block ? Kind.BLOCK_END : Kind.VAR_END, closer, pos));
                    pos += 3;
                    stripNext = true;
                    return;
                }
                if (block && src.startsWith("+%}", pos)) {
                    out.add(new Token(Kind.BLOCK_END, closer, pos));
                    pos += 3;
                    return;
                }
                if (src.startsWith(closer, pos)) {
                    out.add(new Token(block ? Kind.BLOCK_END : Kind.VAR_END, closer, pos));
                    pos += 2;
                    if (block) {
                        skipNewline();
                    }
                    return;
                }
            }
            char c = src.charAt(pos);
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < n && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                out.add(new Token(Kind.NAME, src.substring(start, pos), start));
            } else if (Character.isDigit(c)) {
                lexNumber();
            } else if (c == '\'' || c == '"') {
                lexString(c);
            } else {
                String op = null;
                for (String two : TWO_CHAR_OPS) {
                    if (src.startsWith(two, pos)) {
                        op = two;
                        break;
                    }
                }
                if (op == null && ONE_CHAR_OPS.indexOf(c) >= 0) {
                    op = String.valueOf(c);
                }
                if (op == null) {
                    throw new TemplateError(pos, "unexpected character '" + c + "'");
                }
                if (op.equals("{")) {
                    braces++;
                } else if (op.equals("}")) {
                    braces--;
                    if (braces < 0) {
                        throw new TemplateError(pos, "unexpected '}'");
                    }
                }
                out.add(new Token(Kind.OP, op, pos));
                pos += op.length();
            }
        }
    }

    private void lexNumber() {
        int start = pos;
        boolean isFloat = false;
        digits();
        if (pos + 1 < n && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            isFloat = true;
            pos++;
            digits();
        }
        if (pos < n && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < n && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < n && Character.isDigit(src.charAt(pos))) {
                isFloat = true;
                digits();
            } else {
                pos = save;
            }
        }
        String text = src.substring(start, pos).replace("_", "");
        out.add(new Token(isFloat ? Kind.FLOAT : Kind.INT, text, start));
    }

    private void digits() {
        while (pos < n && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
    }

    /** A string literal, with Python's escapes decoded as Jinja does (unknown escapes keep their backslash). */
    private void lexString(char quote) {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= n) {
                throw new TemplateError(start, "unterminated string literal");
            }
            char c = src.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= n) {
                throw new TemplateError(start, "unterminated string literal");
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case 'a' -> sb.append('\u0007');
                case '0' -> sb.append('\0');
                case '\\', '\'', '"' -> sb.append(e);
                case '\n' -> { }
                case 'x' -> sb.appendCodePoint(hex(start, 2));
                case 'u' -> sb.appendCodePoint(hex(start, 4));
                case 'U' -> sb.appendCodePoint(hex(start, 8));
                default -> sb.append('\\').append(e);
            }
        }
        out.add(new Token(Kind.STRING, sb.toString(), start));
    }

    private int hex(int start, int digits) {
        if (pos + digits > n) {
            throw new TemplateError(start, "truncated escape in string literal");
        }
        try {
            int v = Integer.parseInt(src.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException ex) {
            throw new TemplateError(start, "bad escape in string literal");
        }
    }
}
