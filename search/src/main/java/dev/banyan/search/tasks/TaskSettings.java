package dev.banyan.search.tasks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A task's settings or a simulated model's tunables, as read from JSON ({@code banyan.json}'s
 * {@code "taskSettings"} or {@code "simulated"} object), with typed reads whose failures name where the
 * setting came from. Immutable.
 */
public final class TaskSettings {
    private final String source;
    private final Map<String, Object> values;

    private TaskSettings(String source, Map<String, ?> values) {
        this.source = source;
        this.values = Map.copyOf(new LinkedHashMap<>(values));
    }

    /**
     * @param source where the settings came from, for messages, e.g. {@code models/m/banyan.json: "taskSettings"}
     * @param values strings, numbers and booleans by key (nulls are treated as absent)
     */
    public static TaskSettings of(String source, Map<String, ?> values) {
        Map<String, Object> present = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                present.put(key, value);
            }
        });
        return new TaskSettings(source, present);
    }

    /** No settings: every read gives its default. */
    public static TaskSettings empty(String source) {
        return new TaskSettings(source, Map.of());
    }

    /** Where the settings came from. */
    public String source() {
        return source;
    }

    /**
     * Throws {@link IllegalArgumentException} when a key is not one of {@code known}, suggesting the nearest
     * known one and listing them all.
     */
    public TaskSettings requireOnly(Set<String> known) {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(KnownKeys.unknown(source, "setting", key, known));
            }
        }
        return this;
    }

    /** A string setting; the empty string is allowed (e.g. no system prompt). */
    public String text(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be a string, was " + value);
        }
        return text;
    }

    /** A non-empty string setting. */
    public String nonEmptyText(String key, String fallback) {
        String value = text(key, fallback);
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must not be empty");
        }
        return value;
    }

    /** A number in {@code [min, max]}. */
    public double number(String key, double fallback, double min, double max) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || !(number.doubleValue() >= min && number.doubleValue() <= max)) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be a number in [" + min + ", " + max
                    + "], was " + value);
        }
        return number.doubleValue();
    }

    /** An integer in {@code [min, max]}. */
    public long integer(String key, long fallback, long min, long max) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be an integer in [" + min + ", " + max
                    + "], was " + value);
        }
        return ((Number) value).longValue();
    }

    /** A boolean setting. */
    public boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be true or false, was " + value);
        }
        return flag;
    }

    /** Whether {@code key} is set. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The raw value of {@code key} (a string, number or boolean), or null. */
    public Object raw(String key) {
        return values.get(key);
    }

    /** These settings with {@code key} set to {@code value} and the keys {@code dropped} removed. */
    public TaskSettings with(String key, Object value, Set<String> dropped) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.keySet().removeAll(dropped);
        changed.put(key, value);
        return new TaskSettings(source, changed);
    }

    /** A path setting, resolved against {@code base} when relative; null when absent. */
    public Path path(String key, Path base) {
        String value = nonEmptyText(key, null);
        return value == null ? null : base.resolve(value).normalize();
    }

    @Override
    public String toString() {
        return source + " " + values;
    }
}
