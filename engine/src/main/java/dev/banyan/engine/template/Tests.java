package dev.banyan.engine.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Jinja's tests ({@code x is defined}, {@code x is none}, …). */
final class Tests {
    private static final Set<String> NAMES = Set.of("defined", "undefined", "none", "boolean", "false", "true",
            "integer", "float", "number", "string", "mapping", "iterable", "sequence", "callable", "odd", "even",
            "divisibleby", "eq", "equalto", "==", "ne", "!=", "lt", "lessthan", "<", "le", "<=", "gt", "greaterthan",
            ">", "ge", ">=", "in", "sameas", "lower", "upper");

    private Tests() {
    }

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    static boolean apply(String name, Object v, List<Object> args) {
        switch (name) {
            case "defined": return !(v instanceof Undefined);
            case "undefined": return v instanceof Undefined;
            case "none": return v == null;
            case "boolean": return v instanceof Boolean;
            case "false": return Boolean.FALSE.equals(v);
            case "true": return Boolean.TRUE.equals(v);
            case "integer": return v instanceof Long;
            case "float": return v instanceof Double;
            case "number": return v instanceof Long || v instanceof Double || v instanceof Boolean;
            case "string": return v instanceof String;
            case "mapping": return v instanceof Map;
            case "iterable": return v instanceof List || v instanceof Map || v instanceof String || v instanceof Undefined;
            case "sequence": return v instanceof List || v instanceof Map || v instanceof String;
            case "callable": return v instanceof Callable;
            case "lower": return v instanceof String s && s.equals(s.toLowerCase(java.util.Locale.ROOT));
            case "upper": return v instanceof String s && s.equals(s.toUpperCase(java.util.Locale.ROOT));
            default: break;
        }
        if (args.size() != (name.equals("odd") || name.equals("even") ? 0 : 1)) {
            throw new TemplateError("test '" + name + "' takes " + (name.equals("odd") || name.equals("even") ? "no" : "one")
                    + " argument, " + args.size() + " given");
        }
        Object b = args.isEmpty() ? null : args.get(0);
        return switch (name) {
            case "odd", "even" -> {
                if (!(v instanceof Long l)) {
                    throw new TemplateError("test '" + name + "' needs an integer, not '" + Values.typeName(v) + "'");
                }
                yield (Math.floorMod(l, 2) == 1) == name.equals("odd");
            }
            case "divisibleby" -> Values.asLong(Values.binary("%", v, b)) == 0;
            case "eq", "equalto", "==" -> Values.equal(v, b);
            case "ne", "!=" -> !Values.equal(v, b);
            case "lt", "lessthan", "<" -> Values.compare(v, b) < 0;
            case "le", "<=" -> Values.compare(v, b) <= 0;
            case "gt", "greaterthan", ">" -> Values.compare(v, b) > 0;
            case "ge", ">=" -> Values.compare(v, b) >= 0;
            case "in" -> Values.contains(b, v);
            default -> v == b || v != null && (v instanceof Boolean || v instanceof Long) && v.equals(b);
        };
    }
}
