package dev.banyan.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps} as transformers' {@code tojson} filter calls it: {@code ensure_ascii=False} by
 * default, separators {@code ", "} / {@code ": "} (or {@code ","} / {@code ": "} with an indent), keys in
 * insertion order unless {@code sort_keys}.
 */
final class Json {
    private final Long indent;
    private final String itemSep;
    private final String keySep;
    private final boolean sortKeys;
    private final boolean ensureAscii;

    Json(Long indent, String itemSep, String keySep, boolean sortKeys, boolean ensureAscii) {
        this.indent = indent;
        this.itemSep = itemSep != null ? itemSep : indent != null ? "," : ", ";
        this.keySep = keySep != null ? keySep : ": ";
        this.sortKeys = sortKeys;
        this.ensureAscii = ensureAscii;
    }

    static String dumps(Object v) {
        return new Json(null, null, null, false, false).write(v);
    }

    String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, 0);
        return sb.toString();
    }

    private void write(Object v, StringBuilder sb, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Long l) {
            sb.append(l);
        } else if (v instanceof Double d) {
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Values.pyFloat(d));
        } else if (v instanceof String s) {
            string(s, sb);
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? itemSep : "");
                newline(sb, depth + 1);
                write(l.get(i), sb, depth + 1);
            }
            newline(sb, depth);
            sb.append(']');
        } else if (v instanceof Map<?, ?> || v instanceof Namespace) {
            Map<?, ?> m = v instanceof Namespace ns ? ns.attrs : (Map<?, ?>) v;
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            if (sortKeys) {
                entries.sort((x, y) -> Values.compare(key(x.getKey()), key(y.getKey())));
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : entries) {
                sb.append(first ? "" : itemSep);
                first = false;
                newline(sb, depth + 1);
                string(key(e.getKey()), sb);
                sb.append(keySep);
                write(e.getValue(), sb, depth + 1);
            }
            newline(sb, depth);
            sb.append('}');
        } else {
            throw new TemplateError("Object of type " + Values.typeName(v) + " is not JSON serializable");
        }
    }

    private static String key(Object k) {
        if (k instanceof String s) {
            return s;
        }
        if (k == null || k instanceof Boolean || k instanceof Long || k instanceof Double) {
            return k == null ? "null" : k instanceof Boolean b ? (b ? "true" : "false") : Values.repr(k);
        }
        throw new TemplateError("keys must be str, int, float, bool or None, not " + Values.typeName(k));
    }

    private void newline(StringBuilder sb, int depth) {
        if (indent != null) {
            sb.append('\n').append(" ".repeat((int) (indent * depth)));
        }
    }

    private void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || ensureAscii && c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
