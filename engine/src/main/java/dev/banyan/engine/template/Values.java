package dev.banyan.engine.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's value semantics over the interpreter's value types: {@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, {@code null} (none), {@code List<Object>}, {@code Map<Object, Object>} (insertion-ordered),
 * {@link Undefined}, {@link Namespace}, {@link LoopState} and {@link Callable}.
 */
final class Values {
    private Values() {
    }

    // ------------------------------------------------------------------------------------------- conversion

    /** Deep-converts caller data (any Number, CharSequence, Collection, Map, array) to the value types. */
    static Object fromJava(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof BigDecimal) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(fromJava(k), fromJava(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(fromJava(x)));
            return out;
        }
        if (v instanceof Object[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (Object x : a) {
                out.add(fromJava(x));
            }
            return out;
        }
        if (v instanceof Callable || v instanceof Namespace) {
            return v;
        }
        throw new IllegalArgumentException("unsupported template value of type " + v.getClass().getName());
    }

    // ---------------------------------------------------------------------------------------- whitespace

    /** Python's {@code str.isspace} for one char. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f' || c == '\u0085';
    }

    static String lstripWhitespace(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    static String rstripWhitespace(String s) {
        int j = s.length();
        while (j > 0 && isSpace(s.charAt(j - 1))) {
            j--;
        }
        return s.substring(0, j);
    }

    // ------------------------------------------------------------------------------------- truth and text

    static boolean truthy(Object v) {
        if (v == null || v instanceof Undefined) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0.0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** Python's {@code str(v)}, with undefined as the empty string. */
    static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Undefined) {
            return "";
        }
        return repr(v);
    }

    /** Python's {@code repr(v)}. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Long l) {
            return l.toString();
        }
        if (v instanceof Double d) {
            return pyFloat(d);
        }
        if (v instanceof String s) {
            return reprString(s);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(repr(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (v instanceof Undefined) {
            return "Undefined";
        }
        if (v instanceof Namespace ns) {
            return "<Namespace " + repr(new LinkedHashMap<Object, Object>(ns.attrs)) + ">";
        }
        return "<" + typeName(v) + ">";
    }

    private static String reprString(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code repr(float)}: shortest digits, exponent form below 1e-4 and from 1e16. */
    static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        String plain = bd.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof Undefined) {
            return "Undefined";
        }
        if (v instanceof Namespace) {
            return "Namespace";
        }
        if (v instanceof LoopState) {
            return "LoopContext";
        }
        return "function";
    }

    // ---------------------------------------------------------------------------------------- comparison

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Boolean;
    }

    static long asLong(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
    }

    static double asDouble(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
    }

    /** Python's {@code ==}. */
    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            return isIntegral(a) && isIntegral(b) ? asLong(a) == asLong(b) : asDouble(a) == asDouble(b);
        }
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Python's ordering for {@code < <= > >=}: numbers, strings, lists. */
    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return isIntegral(a) && isIntegral(b) ? Long.compare(asLong(a), asLong(b))
                    : Double.compare(asDouble(a), asDouble(b));
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i));
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw new TemplateError("cannot compare '" + typeName(a) + "' with '" + typeName(b) + "'");
    }

    /** Python's {@code item in container}. */
    static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw new TemplateError("'in <string>' requires a string on the left, not '" + typeName(item) + "'");
            }
            return s.contains(sub);
        }
        if (container instanceof List<?> l) {
            for (Object x : l) {
                if (equal(x, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(item) || isNumber(item) && m.keySet().stream().anyMatch(k -> equal(k, item));
        }
        if (container instanceof Namespace ns) {
            return ns.attrs.containsKey(item);
        }
        if (container instanceof Undefined) {
            return false;
        }
        throw new TemplateError("argument of type '" + typeName(container) + "' is not iterable");
    }

    // -------------------------------------------------------------------------------------- collections

    /** The items a for loop or a filter walks: a list's items, a dict's keys, a string's characters. */
    static List<Object> iterate(Object v) {
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (v instanceof String s) {
            List<Object> out = new ArrayList<>();
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        if (v instanceof Undefined) {
            return new ArrayList<>();
        }
        if (v instanceof Namespace ns) {
            return new ArrayList<>(ns.attrs.keySet());
        }
        throw new TemplateError("'" + typeName(v) + "' object is not iterable");
    }

    static long length(Object v) {
        if (v instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v instanceof Undefined) {
            return 0;
        }
        throw new TemplateError("object of type '" + typeName(v) + "' has no len()");
    }

    /** {@code target[key]}: a missing key or an index out of range is undefined, as in Jinja. */
    static Object item(Object target, Object key) {
        if (target instanceof Undefined u) {
            throw new TemplateError(u.hint);
        }
        if (target instanceof Map<?, ?> m) {
            if (m.containsKey(key)) {
                return m.get(key);
            }
            if (key instanceof String s) {
                return attribute(target, s);
            }
            return Undefined.attribute(target, key);
        }
        if (target instanceof List<?> l && isIntegral(key)) {
            long i = asLong(key);
            if (i < 0) {
                i += l.size();
            }
            return i >= 0 && i < l.size() ? l.get((int) i) : Undefined.attribute(target, key);
        }
        if (target instanceof String s && isIntegral(key)) {
            int[] cps = s.codePoints().toArray();
            long i = asLong(key);
            if (i < 0) {
                i += cps.length;
            }
            return i >= 0 && i < cps.length ? new String(Character.toChars(cps[(int) i])) : Undefined.attribute(target, key);
        }
        if (key instanceof String s) {
            return attribute(target, s);
        }
        return Undefined.attribute(target, key);
    }

    /** {@code target.name}: a method or attribute first, then a key, as Jinja's {@code getattr} does. */
    static Object attribute(Object target, String name) {
        if (target instanceof Undefined u) {
            throw new TemplateError(u.hint);
        }
        Callable method = Methods.bind(target, name);
        if (method != null) {
            return method;
        }
        if (target instanceof Map<?, ?> m) {
            return m.containsKey(name) ? m.get(name) : Undefined.attribute(target, name);
        }
        if (target instanceof Namespace ns) {
            return ns.attrs.containsKey(name) ? ns.attrs.get(name) : Undefined.attribute(target, name);
        }
        if (target instanceof LoopState loop) {
            return loop.attr(name);
        }
        return Undefined.attribute(target, name);
    }

    /** Python's {@code seq[start:stop:step]} on lists and strings. */
    static Object slice(Object target, Object start, Object stop, Object step) {
        if (target instanceof Undefined u) {
            throw new TemplateError(u.hint);
        }
        List<Object> items;
        boolean isString = target instanceof String;
        if (isString) {
            items = iterate(target);
        } else if (target instanceof List<?> l) {
            items = new ArrayList<>(l);
        } else {
            throw new TemplateError("'" + typeName(target) + "' object is not subscriptable");
        }
        int n = items.size();
        long st = step == null ? 1 : sliceIndex(step);
        if (st == 0) {
            throw new TemplateError("slice step cannot be zero");
        }
        long lo;
        long hi;
        if (st > 0) {
            lo = start == null ? 0 : clamp(sliceIndex(start), n, 0, n);
            hi = stop == null ? n : clamp(sliceIndex(stop), n, 0, n);
        } else {
            lo = start == null ? n - 1 : clamp(sliceIndex(start), n, -1, n - 1);
            hi = stop == null ? -1 : clamp(sliceIndex(stop), n, -1, n - 1);
        }
        List<Object> out = new ArrayList<>();
        for (long i = lo; st > 0 ? i < hi : i > hi; i += st) {
            out.add(items.get((int) i));
        }
        if (isString) {
            StringBuilder sb = new StringBuilder();
            out.forEach(x -> sb.append((String) x));
            return sb.toString();
        }
        return out;
    }

    private static long sliceIndex(Object v) {
        if (!isIntegral(v)) {
            throw new TemplateError("slice indices must be integers or none, not '" + typeName(v) + "'");
        }
        return asLong(v);
    }

    private static long clamp(long i, int n, long min, long max) {
        if (i < 0) {
            i += n;
        }
        return Math.max(min, Math.min(max, i));
    }

    // ---------------------------------------------------------------------------------------- arithmetic

    static Object binary(String op, Object a, Object b) {
        if (a instanceof Undefined u) {
            throw new TemplateError(u.hint);
        }
        if (b instanceof Undefined u) {
            throw new TemplateError(u.hint);
        }
        switch (op) {
            case "+" -> {
                if (a instanceof String x && b instanceof String y) {
                    return x + y;
                }
                if (a instanceof List<?> x && b instanceof List<?> y) {
                    List<Object> out = new ArrayList<>(x);
                    out.addAll(y);
                    return out;
                }
            }
            case "*" -> {
                if (a instanceof String s && isIntegral(b)) {
                    return s.repeat((int) Math.max(0, asLong(b)));
                }
                if (a instanceof List<?> l && isIntegral(b)) {
                    List<Object> out = new ArrayList<>();
                    for (long i = 0; i < asLong(b); i++) {
                        out.addAll(l);
                    }
                    return out;
                }
            }
            default -> { }
        }
        if (!isNumber(a) || !isNumber(b)) {
            throw new TemplateError("unsupported operand types for " + op + ": '" + typeName(a) + "' and '"
                    + typeName(b) + "'");
        }
        boolean ints = isIntegral(a) && isIntegral(b);
        switch (op) {
            case "+":
                return ints ? (Object) (asLong(a) + asLong(b)) : (Object) (asDouble(a) + asDouble(b));
            case "-":
                return ints ? (Object) (asLong(a) - asLong(b)) : (Object) (asDouble(a) - asDouble(b));
            case "*":
                return ints ? (Object) (asLong(a) * asLong(b)) : (Object) (asDouble(a) * asDouble(b));
            case "/":
                if (asDouble(b) == 0) {
                    throw new TemplateError("division by zero");
                }
                return asDouble(a) / asDouble(b);
            case "//":
                if (asDouble(b) == 0) {
                    throw new TemplateError("integer division or modulo by zero");
                }
                return ints ? (Object) Math.floorDiv(asLong(a), asLong(b)) : (Object) Math.floor(asDouble(a) / asDouble(b));
            case "%":
                if (asDouble(b) == 0) {
                    throw new TemplateError("integer division or modulo by zero");
                }
                if (ints) {
                    return Math.floorMod(asLong(a), asLong(b));
                }
                double m = asDouble(a) % asDouble(b);
                return m != 0 && (m < 0) != (asDouble(b) < 0) ? m + asDouble(b) : m;
            case "**":
                if (ints && asLong(b) >= 0) {
                    return BigInteger.valueOf(asLong(a)).pow((int) asLong(b)).longValue();
                }
                return Math.pow(asDouble(a), asDouble(b));
            default:
                throw new TemplateError("unknown operator " + op);
        }
    }
}
