package dev.banyan.engine.template;

import dev.banyan.engine.template.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser from tokens to {@link Node}s, following Jinja's grammar and precedence (lowest
 * first): {@code x if c else y}; {@code or}; {@code and}; {@code not}; comparisons and {@code in}; {@code + -};
 * {@code ~}; {@code * / // %}; {@code **}; unary {@code - +}; then primaries with postfix {@code . [] ()},
 * filters {@code |} and tests {@code is}. Unknown filters and tests are errors here, as Jinja's compiler makes
 * them.
 */
final class Parser {
    private static final Set<String> COMPARE_OPS = Set.of("==", "!=", "<", "<=", ">", ">=");

    private final List<Token> tokens;
    private int i;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static List<Node> parse(String source) {
        Parser p = new Parser(Lexer.lex(source));
        List<Node> body = p.parseBody(Set.of(), null);
        p.expect(Kind.EOF);
        return body;
    }

    // ---------------------------------------------------------------------------------------------- statements

    /**
     * Parses statements until a block tag whose name is in {@code ends}; leaves the cursor on that name. At the
     * end of the template with {@code ends} non-empty, reports the block opened by {@code opener} as unclosed.
     */
    private List<Node> parseBody(Set<String> ends, Token opener) {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case EOF -> {
                    if (!ends.isEmpty()) {
                        throw new TemplateError(opener.pos(), "unclosed '" + opener.text() + "' block: expected "
                                + String.join(" or ", ends.stream().sorted().map(e -> "'{% " + e + " %}'").toList())
                                + " before the end of the template");
                    }
                    return nodes;
                }
                case TEXT -> {
                    next();
                    nodes.add(new Node.Text(t.pos(), t.text()));
                }
                case VAR_BEGIN -> {
                    next();
                    Expr e = parseExpression(true);
                    expect(Kind.VAR_END);
                    nodes.add(new Node.Output(t.pos(), e));
                }
                case BLOCK_BEGIN -> {
                    Token name = tokens.get(i + 1);
                    if (name.kind() == Kind.NAME && ends.contains(name.text())) {
                        next();
                        return nodes;
                    }
                    next();
                    Node n = parseStatement(t);
                    if (n != null) {
                        nodes.add(n);
                    }
                }
                default -> throw new TemplateError(t.pos(), "unexpected " + t.describe());
            }
        }
    }

    private Node parseStatement(Token begin) {
        Token name = next();
        if (name.kind() != Kind.NAME) {
            throw new TemplateError(name.pos(), "expected a tag name after '{%', found " + name.describe());
        }
        int pos = begin.pos();
        switch (name.text()) {
            case "if":
                return parseIf(pos, name);
            case "for":
                return parseFor(pos, name);
            case "set":
                return parseSet(pos, name);
            case "macro":
                return parseMacro(pos, name);
            case "break":
                expect(Kind.BLOCK_END);
                return new Node.Break(pos);
            case "continue":
                expect(Kind.BLOCK_END);
                return new Node.Continue(pos);
            case "generation": {
                // transformers' assistant-mask marker: renders its body unchanged.
                expect(Kind.BLOCK_END);
                List<Node> body = parseBody(Set.of("endgeneration"), name);
                endTag();
                return new Node.If(pos, List.of(new Expr.Literal(pos, Boolean.TRUE)), List.of(body), List.of());
            }
            case "endif", "endfor", "endset", "endmacro", "else", "elif", "endgeneration":
                throw new TemplateError(name.pos(), "unexpected '{% " + name.text() + " %}' with no open block it could close");
            default:
                throw new TemplateError(name.pos(), "unknown or unsupported tag '" + name.text() + "'");
        }
    }

    /** Consumes the name of an end tag (the cursor is on it) and the closing {@code %}}. */
    private String endTag() {
        String tag = next().text();
        expect(Kind.BLOCK_END);
        return tag;
    }

    private Node parseIf(int pos, Token opener) {
        List<Expr> conditions = new ArrayList<>();
        List<List<Node>> bodies = new ArrayList<>();
        conditions.add(parseExpression(true));
        expect(Kind.BLOCK_END);
        Set<String> ends = Set.of("elif", "else", "endif");
        while (true) {
            bodies.add(parseBody(ends, opener));
            String tag = next().text();
            if (tag.equals("elif")) {
                conditions.add(parseExpression(true));
                expect(Kind.BLOCK_END);
            } else if (tag.equals("else")) {
                expect(Kind.BLOCK_END);
                List<Node> orElse = parseBody(Set.of("endif"), opener);
                endTag();
                return new Node.If(pos, conditions, bodies, orElse);
            } else {
                expect(Kind.BLOCK_END);
                return new Node.If(pos, conditions, bodies, List.of());
            }
        }
    }

    private Node parseFor(int pos, Token opener) {
        List<String> targets = new ArrayList<>();
        boolean paren = peek().isOp("(");
        if (paren) {
            next();
        }
        targets.add(expectName());
        while (peek().isOp(",")) {
            next();
            targets.add(expectName());
        }
        if (paren) {
            expectOp(")");
        }
        Token in = next();
        if (!in.isName("in")) {
            throw new TemplateError(in.pos(), "expected 'in' in for loop, found " + in.describe());
        }
        Expr iterable = parseExpression(false);
        Expr filter = null;
        if (peek().isName("if")) {
            next();
            filter = parseExpression(true);
        }
        if (peek().isName("recursive")) {
            throw new TemplateError(peek().pos(), "recursive for loops are not supported");
        }
        expect(Kind.BLOCK_END);
        List<Node> body = parseBody(Set.of("else", "endfor"), opener);
        List<Node> orElse = List.of();
        if (next().text().equals("else")) {
            expect(Kind.BLOCK_END);
            orElse = parseBody(Set.of("endfor"), opener);
            next();
        }
        expect(Kind.BLOCK_END);
        return new Node.For(pos, targets, iterable, filter, body, orElse);
    }

    private Node parseSet(int pos, Token opener) {
        String name = expectName();
        String attr = null;
        if (peek().isOp(".")) {
            next();
            attr = expectName();
        }
        if (peek().kind() == Kind.BLOCK_END && attr == null) {
            next();
            List<Node> body = parseBody(Set.of("endset"), opener);
            endTag();
            return new Node.Set(pos, name, null, null, body);
        }
        expectOp("=");
        Expr value = parseExpression(true);
        if (peek().isOp(",")) {
            List<Expr> items = new ArrayList<>(List.of(value));
            while (peek().isOp(",")) {
                next();
                items.add(parseExpression(true));
            }
            value = new Expr.ListLit(value.pos(), items);
        }
        expect(Kind.BLOCK_END);
        return new Node.Set(pos, name, attr, value, null);
    }

    private Node parseMacro(int pos, Token opener) {
        String name = expectName();
        expectOp("(");
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        while (!peek().isOp(")")) {
            if (!params.isEmpty()) {
                expectOp(",");
            }
            params.add(expectName());
            if (peek().isOp("=")) {
                next();
                defaults.add(parseExpression(true));
            } else {
                defaults.add(null);
            }
        }
        next();
        expect(Kind.BLOCK_END);
        List<Node> body = parseBody(Set.of("endmacro"), opener);
        endTag();
        return new Node.Macro(pos, name, params, defaults, body);
    }

    // --------------------------------------------------------------------------------------------- expressions

    Expr parseExpression(boolean withCondition) {
        Expr e = parseOr();
        if (!withCondition) {
            return e;
        }
        while (peek().isName("if")) {
            next();
            Expr cond = parseOr();
            Expr orElse = null;
            if (peek().isName("else")) {
                next();
                orElse = parseExpression(true);
            }
            e = new Expr.Cond(e.pos(), cond, e, orElse);
        }
        return e;
    }

    private Expr parseOr() {
        Expr e = parseAnd();
        while (peek().isName("or")) {
            next();
            e = new Expr.Binary(e.pos(), "or", e, parseAnd());
        }
        return e;
    }

    private Expr parseAnd() {
        Expr e = parseNot();
        while (peek().isName("and")) {
            next();
            e = new Expr.Binary(e.pos(), "and", e, parseNot());
        }
        return e;
    }

    private Expr parseNot() {
        if (peek().isName("not")) {
            Token t = next();
            return new Expr.Unary(t.pos(), "not", parseNot());
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        Expr e = parseMath1();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.OP && COMPARE_OPS.contains(t.text())) {
                next();
                e = new Expr.Binary(e.pos(), t.text(), e, parseMath1());
            } else if (t.isName("in")) {
                next();
                e = new Expr.Binary(e.pos(), "in", e, parseMath1());
            } else if (t.isName("not") && tokens.get(i + 1).isName("in")) {
                next();
                next();
                e = new Expr.Binary(e.pos(), "not in", e, parseMath1());
            } else {
                return e;
            }
        }
    }

    private Expr parseMath1() {
        Expr e = parseConcat();
        while (peek().isOp("+") || peek().isOp("-")) {
            String op = next().text();
            e = new Expr.Binary(e.pos(), op, e, parseConcat());
        }
        return e;
    }

    private Expr parseConcat() {
        Expr e = parseMath2();
        while (peek().isOp("~")) {
            next();
            e = new Expr.Binary(e.pos(), "~", e, parseMath2());
        }
        return e;
    }

    private Expr parseMath2() {
        Expr e = parsePow();
        while (peek().isOp("*") || peek().isOp("/") || peek().isOp("//") || peek().isOp("%")) {
            String op = next().text();
            e = new Expr.Binary(e.pos(), op, e, parsePow());
        }
        return e;
    }

    private Expr parsePow() {
        Expr e = parseUnary(true);
        while (peek().isOp("**")) {
            next();
            e = new Expr.Binary(e.pos(), "**", e, parseUnary(true));
        }
        return e;
    }

    private Expr parseUnary(boolean withFilter) {
        Token t = peek();
        Expr e;
        if (t.isOp("-") || t.isOp("+")) {
            next();
            e = new Expr.Unary(t.pos(), t.text(), parseUnary(false));
        } else {
            e = parsePrimary();
        }
        e = parsePostfix(e);
        return withFilter ? parseFilterExpr(e) : e;
    }

    private Expr parsePrimary() {
        Token t = next();
        switch (t.kind()) {
            case NAME -> {
                return switch (t.text()) {
                    case "true", "True" -> new Expr.Literal(t.pos(), Boolean.TRUE);
                    case "false", "False" -> new Expr.Literal(t.pos(), Boolean.FALSE);
                    case "none", "None" -> new Expr.Literal(t.pos(), null);
                    default -> new Expr.Name(t.pos(), t.text());
                };
            }
            case STRING -> {
                StringBuilder sb = new StringBuilder(t.text());
                while (peek().kind() == Kind.STRING) {
                    sb.append(next().text());
                }
                return new Expr.Literal(t.pos(), sb.toString());
            }
            case INT -> {
                try {
                    return new Expr.Literal(t.pos(), Long.parseLong(t.text()));
                } catch (NumberFormatException ex) {
                    throw new TemplateError(t.pos(), "integer literal too large: " + t.text());
                }
            }
            case FLOAT -> {
                return new Expr.Literal(t.pos(), Double.parseDouble(t.text()));
            }
            case OP -> {
                switch (t.text()) {
                    case "(" -> {
                        if (peek().isOp(")")) {
                            next();
                            return new Expr.ListLit(t.pos(), List.of());
                        }
                        Expr first = parseExpression(true);
                        if (!peek().isOp(",")) {
                            expectOp(")");
                            return first;
                        }
                        List<Expr> items = new ArrayList<>(List.of(first));
                        while (peek().isOp(",")) {
                            next();
                            if (peek().isOp(")")) {
                                break;
                            }
                            items.add(parseExpression(true));
                        }
                        expectOp(")");
                        return new Expr.ListLit(t.pos(), items);
                    }
                    case "[" -> {
                        List<Expr> items = new ArrayList<>();
                        while (!peek().isOp("]")) {
                            if (!items.isEmpty()) {
                                expectOp(",");
                                if (peek().isOp("]")) {
                                    break;
                                }
                            }
                            items.add(parseExpression(true));
                        }
                        next();
                        return new Expr.ListLit(t.pos(), items);
                    }
                    case "{" -> {
                        List<Expr> keys = new ArrayList<>();
                        List<Expr> values = new ArrayList<>();
                        while (!peek().isOp("}")) {
                            if (!keys.isEmpty()) {
                                expectOp(",");
                                if (peek().isOp("}")) {
                                    break;
                                }
                            }
                            keys.add(parseExpression(true));
                            expectOp(":");
                            values.add(parseExpression(true));
                        }
                        next();
                        return new Expr.DictLit(t.pos(), keys, values);
                    }
                    default -> { }
                }
            }
            default -> { }
        }
        throw new TemplateError(t.pos(), "unexpected " + t.describe() + " in expression");
    }

    private Expr parsePostfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.isOp(".")) {
                next();
                Token name = next();
                if (name.kind() == Kind.NAME) {
                    e = new Expr.Attr(e.pos(), e, name.text());
                } else if (name.kind() == Kind.INT) {
                    e = new Expr.Item(e.pos(), e, new Expr.Literal(name.pos(), Long.parseLong(name.text())));
                } else {
                    throw new TemplateError(name.pos(), "expected an attribute name after '.', found " + name.describe());
                }
            } else if (t.isOp("[")) {
                next();
                e = parseSubscript(e);
            } else if (t.isOp("(")) {
                next();
                e = parseCall(e);
            } else {
                return e;
            }
        }
    }

    private Expr parseSubscript(Expr target) {
        Expr start = null;
        if (!peek().isOp(":")) {
            start = parseExpression(true);
            if (peek().isOp("]")) {
                next();
                return new Expr.Item(target.pos(), target, start);
            }
        }
        expectOp(":");
        Expr stop = null;
        Expr step = null;
        if (!peek().isOp("]") && !peek().isOp(":")) {
            stop = parseExpression(true);
        }
        if (peek().isOp(":")) {
            next();
            if (!peek().isOp("]")) {
                step = parseExpression(true);
            }
        }
        expectOp("]");
        return new Expr.Slice(target.pos(), target, start, stop, step);
    }

    /** Parses call arguments after the opening parenthesis; returns {args, kwargs} via the Call node. */
    private Expr parseCall(Expr callee) {
        List<Expr> args = new ArrayList<>();
        Map<String, Expr> kwargs = new LinkedHashMap<>();
        parseArgs(args, kwargs);
        return new Expr.Call(callee.pos(), callee, args, kwargs);
    }

    private void parseArgs(List<Expr> args, Map<String, Expr> kwargs) {
        boolean first = true;
        while (!peek().isOp(")")) {
            if (!first) {
                expectOp(",");
                if (peek().isOp(")")) {
                    break;
                }
            }
            first = false;
            Token t = peek();
            if (t.kind() == Kind.NAME && tokens.get(i + 1).isOp("=")) {
                next();
                next();
                kwargs.put(t.text(), parseExpression(true));
            } else {
                if (!kwargs.isEmpty()) {
                    throw new TemplateError(t.pos(), "positional argument after keyword argument");
                }
                args.add(parseExpression(true));
            }
        }
        next();
    }

    private Expr parseFilterExpr(Expr e) {
        while (true) {
            Token t = peek();
            if (t.isOp("|")) {
                next();
                Token name = next();
                if (name.kind() != Kind.NAME) {
                    throw new TemplateError(name.pos(), "expected a filter name after '|', found " + name.describe());
                }
                if (!Filters.exists(name.text())) {
                    throw new TemplateError(name.pos(), "unknown filter '" + name.text() + "'");
                }
                List<Expr> args = new ArrayList<>();
                Map<String, Expr> kwargs = new LinkedHashMap<>();
                if (peek().isOp("(")) {
                    next();
                    parseArgs(args, kwargs);
                }
                e = new Expr.Filter(name.pos(), e, name.text(), args, kwargs);
            } else if (t.isName("is")) {
                next();
                boolean negated = false;
                if (peek().isName("not")) {
                    next();
                    negated = true;
                }
                Token name = next();
                if (name.kind() != Kind.NAME) {
                    throw new TemplateError(name.pos(), "expected a test name after 'is', found " + name.describe());
                }
                String test = switch (name.text()) {
                    case "none", "None" -> "none";
                    case "true", "True" -> "true";
                    case "false", "False" -> "false";
                    default -> name.text();
                };
                if (!Tests.exists(test)) {
                    throw new TemplateError(name.pos(), "unknown test '" + name.text() + "'");
                }
                List<Expr> args = new ArrayList<>();
                Token a = peek();
                if (a.isOp("(")) {
                    next();
                    Map<String, Expr> kwargs = new LinkedHashMap<>();
                    parseArgs(args, kwargs);
                    args.addAll(kwargs.values());
                } else if ((a.kind() == Kind.NAME || a.kind() == Kind.STRING || a.kind() == Kind.INT
                        || a.kind() == Kind.FLOAT || a.isOp("[") || a.isOp("{"))
                        && !(a.isName("else") || a.isName("or") || a.isName("and") || a.isName("if")
                        || a.isName("in") || a.isName("not") || a.isName("is"))) {
                    args.add(parsePostfix(parsePrimary()));
                }
                e = new Expr.Test(name.pos(), e, test, args, negated);
            } else if (t.isOp("(")) {
                next();
                e = parseCall(e);
            } else {
                return e;
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- cursor

    private Token peek() {
        return tokens.get(i);
    }

    private Token next() {
        Token t = tokens.get(i);
        if (t.kind() != Kind.EOF) {
            i++;
        }
        return t;
    }

    private void expect(Kind kind) {
        Token t = next();
        if (t.kind() != kind) {
            String want = switch (kind) {
                case VAR_END -> "'}}'";
                case BLOCK_END -> "'%}'";
                case EOF -> "end of template";
                default -> kind.name().toLowerCase();
            };
            throw new TemplateError(t.pos(), "expected " + want + ", found " + t.describe());
        }
    }

    private void expectOp(String op) {
        Token t = next();
        if (!t.isOp(op)) {
            throw new TemplateError(t.pos(), "expected '" + op + "', found " + t.describe());
        }
    }

    private String expectName() {
        Token t = next();
        if (t.kind() != Kind.NAME) {
            throw new TemplateError(t.pos(), "expected a name, found " + t.describe());
        }
        return t.text();
    }
}
