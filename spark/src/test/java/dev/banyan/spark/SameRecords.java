package dev.banyan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.api.records.JsonRecords;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Compares two files' records as multisets: every string, boolean, whole number, null and the structure exactly;
 * floating-point numbers (values, PRM scores, log-probabilities, targets) to within {@link #TOLERANCE} times the
 * larger of 1 and their size: absolute for values and scores in [0, 1], relative for log-probabilities.
 *
 * <p>Why not bit for bit: the ONNX engines compute in float32, and a row's result depends in its last bits on the
 * pass it ran in (the other rows, the padding) and on which keys and values the caches already held. So even two
 * single-machine {@code banyan run}s of the same 40 puzzles with the same seed differ so: one in reverse order
 * writes other trace values for 15 of the 40 problems (by up to 2.4e-7); with {@code --parallel 2}, whose passes mix
 * two problems' rows as the job's tasks do, the trees' values and PRM scores differ by up to 9.6e-7 and their
 * log-probabilities by up to 9.9e-6 (3.3e-6 relative), while every step, token count and answer agrees. A value
 * drawn from a log-probability (a terminal judged by the policy's likelihood) inherits its absolute error as a
 * relative one, so small values cannot be compared relatively.
 */
final class SameRecords {
    static final double TOLERANCE = 1e-4;

    private SameRecords() {
    }

    /** Asserts that {@code actual} and {@code expected} hold the same records, in any order. */
    static void assertSame(String what, List<String> actual, List<String> expected) {
        List<JsonNode> left = sorted(actual);
        List<JsonNode> right = sorted(expected);
        assertThat(left.size()).as(what + ": records").isEqualTo(right.size());
        for (int i = 0; i < left.size(); i++) {
            String problem = compare(left.get(i), right.get(i), "");
            if (problem != null) {
                fail(what + ": " + problem + "\n actual:   " + left.get(i) + "\n expected: " + right.get(i));
            }
        }
    }

    /** Null when equal as this class defines it, else where they differ. */
    static String compare(JsonNode actual, JsonNode expected, String at) {
        if (actual.isFloatingPointNumber() && expected.isFloatingPointNumber()) {
            double a = actual.doubleValue();
            double b = expected.doubleValue();
            return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b))) ? null
                    : at + ": " + a + " against " + b;
        }
        if (actual.getNodeType() != expected.getNodeType() || actual.size() != expected.size()) {
            return at + ": " + actual + " against " + expected;
        }
        if (actual.isObject()) {
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                JsonNode other = actual.get(field.getKey());
                String problem = other == null ? at + "." + field.getKey() + " missing"
                        : compare(other, field.getValue(), at + "." + field.getKey());
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (actual.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                String problem = compare(actual.get(i), expected.get(i), at + "[" + i + "]");
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        return actual.equals(expected) ? null : at + ": " + actual + " against " + expected;
    }

    /** Parsed, in the order of their text with every floating-point number blanked, then of their text. */
    private static List<JsonNode> sorted(List<String> lines) {
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            try {
                records.add(JsonRecords.MAPPER.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        records.sort(Comparator.comparing((JsonNode record) -> blanked(record).toString())
                .thenComparing(JsonNode::toString));
        return records;
    }

    private static JsonNode blanked(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return JsonNodeFactory.instance.textNode("#");
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), blanked(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(blanked(element)));
            return copy;
        }
        return node;
    }
}
