package dev.banyan.engine.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the parsed template and writes the output. Scoping follows Jinja: a for loop's body (each iteration)
 * and a macro call get their own scope, so a {@code set} inside them is not seen outside; {@code if} opens no
 * scope; a {@link Namespace} carries values out of a loop.
 */
final class Interpreter {
    private enum Flow { NORMAL, BREAK, CONTINUE }

    private static final Object MISSING = new Object();

    /** A chain of variable maps; lookups walk outwards, assignments write to the innermost. */
    private static final class Scope {
        final Scope parent;
        final Map<String, Object> vars = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Object lookup(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                Object v = s.vars.getOrDefault(name, MISSING);
                if (v != MISSING || s.vars.containsKey(name)) {
                    return v;
                }
            }
            return MISSING;
        }
    }

    private final Clock clock;

    private Interpreter(Clock clock) {
        this.clock = clock;
    }

    /** Renders {@code program} with {@code context} (already in the interpreter's value types). */
    static String render(List<Node> program, Map<String, Object> context, Clock clock) {
        Interpreter in = new Interpreter(clock);
        Scope globals = new Scope(null);
        globals.vars.putAll(in.globals());
        Scope vars = new Scope(globals);
        vars.vars.putAll(context);
        Scope root = new Scope(vars);
        StringBuilder out = new StringBuilder();
        in.exec(program, root, out);
        return out.toString();
    }

    private Map<String, Object> globals() {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("namespace", (Callable) (args, kwargs) -> {
            Namespace ns = new Namespace();
            for (Object a : args) {
                if (!(a instanceof Map<?, ?> m)) {
                    throw new TemplateError("namespace() takes keyword arguments or a mapping, not '"
                            + Values.typeName(a) + "'");
                }
                m.forEach((k, v) -> ns.attrs.put(Values.str(k), v));
            }
            ns.attrs.putAll(kwargs);
            return ns;
        });
        g.put("raise_exception", (Callable) (args, kwargs) -> {
            Object msg = new Args("raise_exception", args, kwargs).accept(1, "message").get(0, "message", "");
            throw new TemplateError("the template raised an error: " + Values.str(msg));
        });
        g.put("strftime_now", (Callable) (args, kwargs) -> {
            String format = new Args("strftime_now", args, kwargs).accept(1).string(0, "format", null);
            if (format == null) {
                throw new TemplateError("strftime_now() missing required argument 'format'");
            }
            return Strftime.format(java.time.LocalDateTime.now(clock), format);
        });
        g.put("range", (Callable) (args, kwargs) -> {
            Args a = new Args("range", args, kwargs).accept(3);
            long start = a.size() > 1 ? a.integer(0, null, 0L) : 0;
            long stop = a.size() > 1 ? a.integer(1, null, 0L) : a.integer(0, "stop", 0L);
            long step = a.integer(2, null, 1L);
            if (step == 0) {
                throw new TemplateError("range() arg 3 must not be zero");
            }
            List<Object> out = new ArrayList<>();
            for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
                out.add(i);
            }
            return out;
        });
        g.put("dict", (Callable) (args, kwargs) -> {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Object a : args) {
                if (a instanceof Map<?, ?> m) {
                    out.putAll(m);
                }
            }
            out.putAll(kwargs);
            return out;
        });
        return g;
    }

    // ---------------------------------------------------------------------------------------------- statements

    private Flow exec(List<Node> nodes, Scope scope, StringBuilder out) {
        for (Node node : nodes) {
            Flow f = exec(node, scope, out);
            if (f != Flow.NORMAL) {
                return f;
            }
        }
        return Flow.NORMAL;
    }

    private Flow exec(Node node, Scope scope, StringBuilder out) {
        if (node instanceof Node.Text t) {
            out.append(t.text());
        } else if (node instanceof Node.Output o) {
            out.append(Values.str(eval(o.expr(), scope)));
        } else if (node instanceof Node.If n) {
            for (int k = 0; k < n.conditions().size(); k++) {
                if (Values.truthy(eval(n.conditions().get(k), scope))) {
                    return exec(n.bodies().get(k), scope, out);
                }
            }
            return exec(n.orElse(), scope, out);
        } else if (node instanceof Node.For n) {
            execFor(n, scope, out);
        } else if (node instanceof Node.Set n) {
            execSet(n, scope);
        } else if (node instanceof Node.Macro n) {
            scope.vars.put(n.name(), macro(n, scope));
        } else if (node instanceof Node.Break) {
            return Flow.BREAK;
        } else if (node instanceof Node.Continue) {
            return Flow.CONTINUE;
        }
        return Flow.NORMAL;
    }

    private void execFor(Node.For n, Scope scope, StringBuilder out) {
        List<Object> items = at(n.iterable(), () -> Values.iterate(eval(n.iterable(), scope)));
        if (n.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                Scope s = new Scope(scope);
                bind(n, s, item);
                if (Values.truthy(eval(n.filter(), s))) {
                    kept.add(item);
                }
            }
            items = kept;
        }
        if (items.isEmpty()) {
            exec(n.orElse(), scope, out);
            return;
        }
        for (int k = 0; k < items.size(); k++) {
            Scope s = new Scope(scope);
            bind(n, s, items.get(k));
            s.vars.put("loop", new LoopState(items, k));
            if (exec(n.body(), s, out) == Flow.BREAK) {
                return;
            }
        }
    }

    private void bind(Node.For n, Scope s, Object item) {
        if (n.targets().size() == 1) {
            s.vars.put(n.targets().get(0), item);
            return;
        }
        List<Object> parts = Values.iterate(item);
        if (parts.size() != n.targets().size()) {
            throw new TemplateError(n.pos(), "cannot unpack " + parts.size() + " values into "
                    + n.targets().size() + " loop variables");
        }
        for (int k = 0; k < parts.size(); k++) {
            s.vars.put(n.targets().get(k), parts.get(k));
        }
    }

    private void execSet(Node.Set n, Scope scope) {
        Object value;
        if (n.body() != null) {
            StringBuilder sb = new StringBuilder();
            exec(n.body(), new Scope(scope), sb);
            value = sb.toString();
        } else {
            value = eval(n.value(), scope);
        }
        if (n.attr() == null) {
            scope.vars.put(n.name(), value);
            return;
        }
        Object target = scope.lookup(n.name());
        if (!(target instanceof Namespace ns)) {
            throw new TemplateError(n.pos(), "cannot assign attribute '" + n.attr() + "' on "
                    + (target == MISSING ? "undefined '" + n.name() + "'" : "non-namespace object '" + n.name() + "'"));
        }
        ns.attrs.put(n.attr(), value);
    }

    private Callable macro(Node.Macro n, Scope definedIn) {
        return (args, kwargs) -> {
            if (args.size() > n.params().size()) {
                throw new TemplateError("macro '" + n.name() + "' takes " + n.params().size() + " arguments, "
                        + args.size() + " given");
            }
            Scope s = new Scope(definedIn);
            for (int k = 0; k < n.params().size(); k++) {
                String p = n.params().get(k);
                Object v;
                if (k < args.size()) {
                    v = args.get(k);
                } else if (kwargs.containsKey(p)) {
                    v = kwargs.get(p);
                } else if (n.defaults().get(k) != null) {
                    v = eval(n.defaults().get(k), s);
                } else {
                    v = new Undefined("parameter '" + p + "' of macro '" + n.name() + "' was not provided");
                }
                s.vars.put(p, v);
            }
            for (String k : kwargs.keySet()) {
                if (!n.params().contains(k)) {
                    throw new TemplateError("macro '" + n.name() + "' takes no keyword argument '" + k + "'");
                }
            }
            StringBuilder sb = new StringBuilder();
            exec(n.body(), s, sb);
            return sb.toString();
        };
    }

    // --------------------------------------------------------------------------------------------- expressions

    private interface Step<T> {
        T run();
    }

    /** Runs {@code step}, placing any error that has no position yet at {@code e}. */
    private static <T> T at(Expr e, Step<T> step) {
        try {
            return step.run();
        } catch (TemplateError err) {
            if (err.pos < 0) {
                err.pos = e.pos();
            }
            throw err;
        }
    }

    private Object eval(Expr e, Scope scope) {
        return at(e, () -> evalUnplaced(e, scope));
    }

    private Object evalUnplaced(Expr e, Scope scope) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Name n) {
            Object v = scope.lookup(n.name());
            return v == MISSING ? Undefined.name(n.name()) : v;
        }
        if (e instanceof Expr.ListLit l) {
            return evalAll(l.items(), scope);
        }
        if (e instanceof Expr.DictLit d) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int k = 0; k < d.keys().size(); k++) {
                out.put(eval(d.keys().get(k), scope), eval(d.values().get(k), scope));
            }
            return out;
        }
        if (e instanceof Expr.Attr a) {
            return Values.attribute(eval(a.target(), scope), a.name());
        }
        if (e instanceof Expr.Item it) {
            return Values.item(eval(it.target(), scope), eval(it.index(), scope));
        }
        if (e instanceof Expr.Slice s) {
            return Values.slice(eval(s.target(), scope), optional(s.start(), scope), optional(s.stop(), scope),
                    optional(s.step(), scope));
        }
        if (e instanceof Expr.Call c) {
            Object callee = eval(c.callee(), scope);
            List<Object> args = evalAll(c.args(), scope);
            Map<String, Object> kwargs = evalAll(c.kwargs(), scope);
            if (callee instanceof Undefined u) {
                throw new TemplateError(u.hint);
            }
            if (!(callee instanceof Callable f)) {
                throw new TemplateError("'" + Values.typeName(callee) + "' object is not callable");
            }
            return f.call(args, kwargs);
        }
        if (e instanceof Expr.Filter f) {
            return Filters.apply(f.name(), eval(f.target(), scope), evalAll(f.args(), scope), evalAll(f.kwargs(), scope));
        }
        if (e instanceof Expr.Test t) {
            return Tests.apply(t.name(), eval(t.target(), scope), evalAll(t.args(), scope)) != t.negated();
        }
        if (e instanceof Expr.Unary u) {
            return unary(u, eval(u.operand(), scope));
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        }
        Expr.Cond c = (Expr.Cond) e;
        if (Values.truthy(eval(c.cond(), scope))) {
            return eval(c.then(), scope);
        }
        return c.orElse() == null ? new Undefined("the inline if had no else branch") : eval(c.orElse(), scope);
    }

    private static Object unary(Expr.Unary u, Object v) {
        if (u.op().equals("not")) {
            return !Values.truthy(v);
        }
        if (v instanceof Undefined undefined) {
            throw new TemplateError(undefined.hint);
        }
        if (!Values.isNumber(v)) {
            throw new TemplateError("bad operand type for unary " + u.op() + ": '" + Values.typeName(v) + "'");
        }
        if (u.op().equals("+")) {
            return v instanceof Boolean ? (Object) Values.asLong(v) : v;
        }
        return v instanceof Double d ? (Object) (-d) : (Object) (-Values.asLong(v));
    }

    private Object binary(Expr.Binary b, Scope scope) {
        Object left = eval(b.left(), scope);
        switch (b.op()) {
            case "and":
                return Values.truthy(left) ? eval(b.right(), scope) : left;
            case "or":
                return Values.truthy(left) ? left : eval(b.right(), scope);
            default:
                break;
        }
        Object right = eval(b.right(), scope);
        return switch (b.op()) {
            case "==" -> Values.equal(left, right);
            case "!=" -> !Values.equal(left, right);
            case "<" -> Values.compare(left, right) < 0;
            case "<=" -> Values.compare(left, right) <= 0;
            case ">" -> Values.compare(left, right) > 0;
            case ">=" -> Values.compare(left, right) >= 0;
            case "in" -> Values.contains(right, left);
            case "not in" -> !Values.contains(right, left);
            case "~" -> Values.str(left) + Values.str(right);
            default -> Values.binary(b.op(), left, right);
        };
    }

    private Object optional(Expr e, Scope scope) {
        return e == null ? null : eval(e, scope);
    }

    private List<Object> evalAll(List<Expr> exprs, Scope scope) {
        List<Object> out = new ArrayList<>(exprs.size());
        for (Expr x : exprs) {
            out.add(eval(x, scope));
        }
        return out;
    }

    private Map<String, Object> evalAll(Map<String, Expr> exprs, Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        exprs.forEach((k, x) -> out.put(k, eval(x, scope)));
        return out;
    }
}
