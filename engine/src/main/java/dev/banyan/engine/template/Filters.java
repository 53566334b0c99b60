package dev.banyan.engine.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Jinja's filters that chat templates use, with Python's semantics ({@code value | name(args)}). */
final class Filters {

    @FunctionalInterface
    private interface Filter {
        Object apply(Object value, Args a);
    }

    private static final Map<String, Filter> FILTERS = new HashMap<>();

    static {
        FILTERS.put("trim", (v, a) -> Methods.strip(text(v), a.accept(1, "chars").string(0, "chars", null), true, true));
        FILTERS.put("tojson", (v, a) -> {
            a.accept(0, "indent", "ensure_ascii", "separators", "sort_keys");
            Object seps = a.get(-1, "separators", null);
            String itemSep = null;
            String keySep = null;
            if (seps instanceof List<?> l && l.size() == 2) {
                itemSep = Values.str(l.get(0));
                keySep = Values.str(l.get(1));
            }
            Json json = new Json(a.integer(-1, "indent", null), itemSep, keySep, a.bool(-1, "sort_keys", false),
                    a.bool(-1, "ensure_ascii", false));
            return json.write(v);
        });
        FILTERS.put("length", (v, a) -> Values.length(v));
        FILTERS.put("count", (v, a) -> Values.length(v));
        FILTERS.put("string", (v, a) -> Values.str(v));
        FILTERS.put("upper", (v, a) -> text(v).toUpperCase(Locale.ROOT));
        FILTERS.put("lower", (v, a) -> text(v).toLowerCase(Locale.ROOT));
        FILTERS.put("capitalize", (v, a) -> Methods.capitalize(text(v)));
        FILTERS.put("title", (v, a) -> Methods.title(text(v)));
        FILTERS.put("safe", (v, a) -> v);
        FILTERS.put("first", (v, a) -> {
            List<Object> items = Values.iterate(v);
            return items.isEmpty() ? new Undefined("no first item, sequence was empty") : items.get(0);
        });
        FILTERS.put("last", (v, a) -> {
            List<Object> items = Values.iterate(v);
            return items.isEmpty() ? new Undefined("no last item, sequence was empty") : items.get(items.size() - 1);
        });
        FILTERS.put("join", (v, a) -> {
            a.accept(2, "d", "attribute");
            String sep = a.string(0, "d", "");
            Object attribute = a.get(1, "attribute", null);
            StringBuilder sb = new StringBuilder();
            List<Object> items = Values.iterate(v);
            for (int i = 0; i < items.size(); i++) {
                Object x = attribute == null ? items.get(i) : Values.item(items.get(i), attribute);
                sb.append(i > 0 ? sep : "").append(Values.str(x));
            }
            return sb.toString();
        });
        FILTERS.put("replace", (v, a) -> {
            a.accept(3, "old", "new", "count");
            Long count = a.integer(2, "count", null);
            return Methods.replace(text(v), a.string(0, "old", null), a.string(1, "new", null), count == null ? -1 : count);
        });
        Filter dflt = (v, a) -> {
            a.accept(2, "default_value", "boolean");
            Object fallback = a.get(0, "default_value", "");
            boolean bool = a.bool(1, "boolean", false);
            return v instanceof Undefined || bool && !Values.truthy(v) ? fallback : v;
        };
        FILTERS.put("default", dflt);
        FILTERS.put("d", dflt);
        FILTERS.put("list", (v, a) -> Values.iterate(v));
        FILTERS.put("items", (v, a) -> {
            if (v instanceof Undefined) {
                return new ArrayList<>();
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw new TemplateError("items filter needs a mapping, not '" + Values.typeName(v) + "'");
            }
            List<Object> out = new ArrayList<>();
            m.forEach((k, x) -> out.add(java.util.Arrays.asList(k, x)));
            return out;
        });
        FILTERS.put("dictsort", (v, a) -> {
            a.accept(3, "case_sensitive", "by", "reverse");
            if (!(v instanceof Map<?, ?> m)) {
                throw new TemplateError("dictsort filter needs a mapping, not '" + Values.typeName(v) + "'");
            }
            int by = "value".equals(a.string(1, "by", "key")) ? 1 : 0;
            boolean caseSensitive = a.bool(0, "case_sensitive", false);
            List<Object> out = new ArrayList<>();
            m.forEach((k, x) -> out.add(java.util.Arrays.asList(k, x)));
            out.sort((p, q) -> Values.compare(sortKey(((List<?>) p).get(by), caseSensitive),
                    sortKey(((List<?>) q).get(by), caseSensitive)));
            if (a.bool(2, "reverse", false)) {
                java.util.Collections.reverse(out);
            }
            return out;
        });
        FILTERS.put("reverse", (v, a) -> {
            if (v instanceof String s) {
                return new StringBuilder(s).reverse().toString();
            }
            List<Object> items = Values.iterate(v);
            java.util.Collections.reverse(items);
            return items;
        });
        FILTERS.put("map", (v, a) -> {
            List<Object> out = new ArrayList<>();
            Object attribute = a.get(-1, "attribute", null);
            for (Object x : Values.iterate(v)) {
                if (attribute != null) {
                    Object r = Values.item(x, attribute);
                    out.add(r instanceof Undefined ? a.get(-1, "default", r) : r);
                } else {
                    String name = (String) a.required(0, "filter");
                    out.add(apply(name, x, a.positional().subList(1, a.size()), Map.of()));
                }
            }
            return out;
        });
        FILTERS.put("select", (v, a) -> select(v, a, false, false));
        FILTERS.put("reject", (v, a) -> select(v, a, true, false));
        FILTERS.put("selectattr", (v, a) -> select(v, a, false, true));
        FILTERS.put("rejectattr", (v, a) -> select(v, a, true, true));
        FILTERS.put("int", (v, a) -> {
            Object fallback = a.get(0, "default", 0L);
            if (v instanceof Long || v instanceof Boolean) {
                return Values.asLong(v);
            }
            if (v instanceof Double d) {
                return (long) (double) d;
            }
            try {
                return Long.parseLong(Values.str(v).strip());
            } catch (NumberFormatException ex) {
                try {
                    return (long) Double.parseDouble(Values.str(v).strip());
                } catch (NumberFormatException ex2) {
                    return fallback;
                }
            }
        });
        FILTERS.put("float", (v, a) -> {
            Object fallback = a.get(0, "default", 0.0);
            if (Values.isNumber(v)) {
                return Values.asDouble(v);
            }
            try {
                return Double.parseDouble(Values.str(v).strip());
            } catch (NumberFormatException ex) {
                return fallback;
            }
        });
        FILTERS.put("abs", (v, a) -> {
            if (v instanceof Long l) {
                return Math.abs(l);
            }
            if (v instanceof Double d) {
                return Math.abs(d);
            }
            throw new TemplateError("bad operand type for abs(): '" + Values.typeName(v) + "'");
        });
        FILTERS.put("indent", (v, a) -> {
            a.accept(3, "width", "first", "blank");
            Object w = a.get(0, "width", 4L);
            String pad = w instanceof String s ? s : " ".repeat((int) Values.asLong(w));
            boolean first = a.bool(1, "first", false);
            boolean blank = a.bool(2, "blank", false);
            String[] lines = text(v).split("\n", -1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    sb.append('\n');
                }
                boolean indentLine = (i > 0 || first) && (blank || !lines[i].isBlank());
                sb.append(indentLine ? pad : "").append(lines[i]);
            }
            return sb.toString();
        });
    }

    private Filters() {
    }

    static boolean exists(String name) {
        return FILTERS.containsKey(name);
    }

    static Object apply(String name, Object value, List<Object> args, Map<String, Object> kwargs) {
        Filter f = FILTERS.get(name);
        if (f == null) {
            throw new TemplateError("unknown filter '" + name + "'");
        }
        return f.apply(value, new Args(name, args, kwargs));
    }

    private static String text(Object v) {
        return Values.str(v);
    }

    private static Object sortKey(Object v, boolean caseSensitive) {
        return !caseSensitive && v instanceof String s ? s.toLowerCase(Locale.ROOT) : v;
    }

    private static Object select(Object v, Args a, boolean reject, boolean byAttribute) {
        List<Object> args = a.positional();
        int at = 0;
        Object attribute = null;
        if (byAttribute) {
            attribute = a.required(0, "attribute");
            at = 1;
        }
        String test = args.size() > at ? (String) args.get(at) : null;
        List<Object> testArgs = args.size() > at + 1 ? args.subList(at + 1, args.size()) : List.of();
        if (test != null && !Tests.exists(test)) {
            throw new TemplateError("unknown test '" + test + "'");
        }
        List<Object> out = new ArrayList<>();
        for (Object x : Values.iterate(v)) {
            Object subject = attribute == null ? x : Values.item(x, attribute);
            boolean pass = test == null ? Values.truthy(subject) : Tests.apply(test, subject, testArgs);
            if (pass != reject) {
                out.add(x);
            }
        }
        return out;
    }
}
