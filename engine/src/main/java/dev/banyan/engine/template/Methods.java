package dev.banyan.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python's {@code str} and {@code dict} methods that chat templates call ({@code s.startswith('x')}). */
final class Methods {
    private static final List<String> STRING_METHODS = List.of("startswith", "endswith", "strip", "lstrip",
            "rstrip", "split", "rsplit", "replace", "upper", "lower", "title", "capitalize", "find", "rfind", "count",
            "join", "splitlines", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower");
    private static final List<String> DICT_METHODS = List.of("items", "keys", "values", "get");

    private Methods() {
    }

    /** The bound method {@code target.name}, or null when the target has no such method. */
    static Callable bind(Object target, String name) {
        if (target instanceof String s && STRING_METHODS.contains(name)) {
            return (args, kwargs) -> stringMethod(s, name, new Args(name, args, kwargs));
        }
        if (target instanceof Map<?, ?> m && DICT_METHODS.contains(name)) {
            return (args, kwargs) -> dictMethod(m, name, new Args(name, args, kwargs));
        }
        return null;
    }

    private static Object dictMethod(Map<?, ?> m, String name, Args a) {
        switch (name) {
            case "items": {
                a.accept(0);
                List<Object> out = new ArrayList<>();
                m.forEach((k, v) -> out.add(java.util.Arrays.asList(k, v)));
                return out;
            }
            case "keys":
                a.accept(0);
                return new ArrayList<Object>(m.keySet());
            case "values":
                a.accept(0);
                return new ArrayList<Object>(m.values());
            default: {
                a.accept(2);
                Object key = a.required(0, "key");
                return m.containsKey(key) ? m.get(key) : a.get(1, "default", null);
            }
        }
    }

    static Object stringMethod(String s, String name, Args a) {
        switch (name) {
            case "startswith":
            case "endswith": {
                a.accept(1);
                Object p = a.required(0, "prefix");
                List<Object> options = p instanceof List<?> l ? new ArrayList<>(l) : List.of(p);
                for (Object o : options) {
                    if (!(o instanceof String x)) {
                        throw new TemplateError(name + "() argument must be a string or a tuple of strings, not '"
                                + Values.typeName(o) + "'");
                    }
                    if (name.equals("startswith") ? s.startsWith(x) : s.endsWith(x)) {
                        return true;
                    }
                }
                return false;
            }
            case "strip":
                a.accept(1);
                return strip(s, a.string(0, "chars", null), true, true);
            case "lstrip":
                a.accept(1);
                return strip(s, a.string(0, "chars", null), true, false);
            case "rstrip":
                a.accept(1);
                return strip(s, a.string(0, "chars", null), false, true);
            case "split":
                a.accept(2, "sep", "maxsplit");
                return split(s, a.string(0, "sep", null), a.integer(1, "maxsplit", -1L));
            case "rsplit":
                a.accept(2, "sep", "maxsplit");
                return rsplit(s, a.string(0, "sep", null), a.integer(1, "maxsplit", -1L));
            case "replace":
                a.accept(3, "count");
                return replace(s, a.string(0, "old", null), a.string(1, "new", null), a.integer(2, "count", -1L));
            case "upper":
                a.accept(0);
                return s.toUpperCase(java.util.Locale.ROOT);
            case "lower":
                a.accept(0);
                return s.toLowerCase(java.util.Locale.ROOT);
            case "title":
                a.accept(0);
                return title(s);
            case "capitalize":
                a.accept(0);
                return capitalize(s);
            case "find":
                a.accept(1);
                return (long) s.indexOf(a.string(0, "sub", ""));
            case "rfind":
                a.accept(1);
                return (long) s.lastIndexOf(a.string(0, "sub", ""));
            case "count": {
                a.accept(1);
                String sub = a.string(0, "sub", "");
                if (sub.isEmpty()) {
                    return Values.length(s) + 1;
                }
                long c = 0;
                for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                    c++;
                }
                return c;
            }
            case "join": {
                a.accept(1);
                StringBuilder sb = new StringBuilder();
                List<Object> items = Values.iterate(a.required(0, "iterable"));
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof String x)) {
                        throw new TemplateError("join(): expected str instance, '" + Values.typeName(items.get(i))
                                + "' found");
                    }
                    sb.append(i > 0 ? s : "").append(x);
                }
                return sb.toString();
            }
            case "splitlines":
                a.accept(0);
                return new ArrayList<Object>(s.lines().toList());
            default:
                a.accept(0);
                return predicate(s, name);
        }
    }

    private static boolean predicate(String s, String name) {
        if (s.isEmpty()) {
            return false;
        }
        return switch (name) {
            case "isdigit" -> s.chars().allMatch(Character::isDigit);
            case "isalpha" -> s.chars().allMatch(Character::isLetter);
            case "isalnum" -> s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace" -> s.chars().allMatch(c -> Values.isSpace((char) c));
            case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(java.util.Locale.ROOT));
            default -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(java.util.Locale.ROOT));
        };
    }

    /** Python's strip family: {@code chars} null means whitespace. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int i = 0;
        int j = s.length();
        if (left) {
            while (i < j && stripped(s.charAt(i), chars)) {
                i++;
            }
        }
        if (right) {
            while (j > i && stripped(s.charAt(j - 1), chars)) {
                j--;
            }
        }
        return s.substring(i, j);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? Values.isSpace(c) : chars.indexOf(c) >= 0;
    }

    static List<Object> split(String s, String sep, long maxsplit) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && Values.isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return out;
                }
                if (maxsplit >= 0 && out.size() == maxsplit) {
                    out.add(s.substring(i));
                    return out;
                }
                int j = i;
                while (j < n && !Values.isSpace(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        if (sep.isEmpty()) {
            throw new TemplateError("empty separator");
        }
        int from = 0;
        while (maxsplit < 0 || out.size() < maxsplit) {
            int k = s.indexOf(sep, from);
            if (k < 0) {
                break;
            }
            out.add(s.substring(from, k));
            from = k + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static List<Object> rsplit(String s, String sep, long maxsplit) {
        if (maxsplit < 0) {
            return split(s, sep, -1);
        }
        if (sep == null) {
            List<Object> out = new ArrayList<>();
            String rest = Values.rstripWhitespace(s);
            while (!rest.isEmpty() && out.size() < maxsplit) {
                int j = rest.length();
                int i = j;
                while (i > 0 && !Values.isSpace(rest.charAt(i - 1))) {
                    i--;
                }
                out.add(0, rest.substring(i, j));
                rest = Values.rstripWhitespace(rest.substring(0, i));
            }
            if (!rest.isEmpty()) {
                out.add(0, rest);
            }
            return out;
        }
        List<Object> out = new ArrayList<>();
        int end = s.length();
        while (out.size() < maxsplit) {
            int k = s.lastIndexOf(sep, end - sep.length());
            if (k < 0) {
                break;
            }
            out.add(0, s.substring(k + sep.length(), end));
            end = k;
        }
        out.add(0, s.substring(0, end));
        return out;
    }

    static String replace(String s, String old, String replacement, long count) {
        if (old == null || replacement == null) {
            throw new TemplateError("replace() needs two string arguments");
        }
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (long done = 0; done < count; done++) {
            int k = old.isEmpty() ? (from <= s.length() ? from : -1) : s.indexOf(old, from);
            if (k < 0) {
                break;
            }
            sb.append(s, from, k).append(replacement);
            if (old.isEmpty()) {
                if (k < s.length()) {
                    sb.append(s.charAt(k));
                }
                from = k + 1;
            } else {
                from = k + old.length();
            }
        }
        if (from <= s.length()) {
            sb.append(s.substring(from));
        }
        return sb.toString();
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        return s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean prevCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevCased = Character.isLetter(c);
        }
        return sb.toString();
    }
}
