package dev.banyan.engine.template;

import java.util.List;
import java.util.Map;

/** Reading Python-style positional-or-keyword arguments for filters, methods and globals. */
final class Args {
    private static final Object MISSING = new Object();

    private final String function;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    Args(String function, List<Object> args, Map<String, Object> kwargs) {
        this.function = function;
        this.args = args;
        this.kwargs = kwargs;
    }

    /** The argument at {@code index} or named {@code name}, or {@code fallback} when absent. */
    Object get(int index, String name, Object fallback) {
        Object v = raw(index, name);
        return v == MISSING ? fallback : v;
    }

    Object required(int index, String name) {
        Object v = raw(index, name);
        if (v == MISSING) {
            throw new TemplateError(function + "() missing required argument '" + name + "'");
        }
        return v;
    }

    String string(int index, String name, String fallback) {
        Object v = get(index, name, fallback);
        if (v != null && !(v instanceof String)) {
            throw new TemplateError(function + "() argument '" + name + "' must be a string, not '"
                    + Values.typeName(v) + "'");
        }
        return (String) v;
    }

    Long integer(int index, String name, Long fallback) {
        Object v = get(index, name, fallback);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Long || v instanceof Boolean)) {
            throw new TemplateError(function + "() argument '" + name + "' must be an integer, not '"
                    + Values.typeName(v) + "'");
        }
        return Values.asLong(v);
    }

    boolean bool(int index, String name, boolean fallback) {
        return Values.truthy(get(index, name, fallback));
    }

    /** Fails on more positional arguments than {@code max} or on keywords not in {@code names}. */
    Args accept(int max, String... names) {
        if (args.size() > max) {
            throw new TemplateError(function + "() takes at most " + max + " argument" + (max == 1 ? "" : "s")
                    + " (" + args.size() + " given)");
        }
        for (String k : kwargs.keySet()) {
            if (!List.of(names).contains(k)) {
                throw new TemplateError(function + "() got an unexpected keyword argument '" + k + "'");
            }
        }
        return this;
    }

    int size() {
        return args.size();
    }

    List<Object> positional() {
        return args;
    }

    private Object raw(int index, String name) {
        if (index >= 0 && index < args.size()) {
            return args.get(index);
        }
        if (name != null && kwargs.containsKey(name)) {
            return kwargs.get(name);
        }
        return MISSING;
    }
}
