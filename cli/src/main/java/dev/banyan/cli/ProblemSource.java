package dev.banyan.cli;

import dev.banyan.search.tasks.Problem;
import dev.banyan.search.tasks.TaskRegistry;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads the problems of an input: a JSON Lines file of {@code {"id"?, "question", "answer"?}} (field names
 * set by {@link InputFields}; a line without an id is named {@code FILE-LINE}, e.g. {@code test-17}), or a
 * task's built-in data set such as {@code game24:1-100}. The whole input is checked before any search starts,
 * so a bad line fails the command at once, naming the line.
 */
final class ProblemSource {
    private ProblemSource() {
    }

    static List<Problem> load(String input, InputFields fields) {
        Optional<List<Problem>> builtIn;
        try {
            builtIn = TaskRegistry.builtInData(input);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return builtIn.orElseGet(() -> readJsonl(Path.of(input), fields));
    }

    /** The file an input names, or null for a built-in data set. */
    static Path inputFile(String input) {
        try {
            if (TaskRegistry.builtInData(input).isPresent()) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Path.of(input);
    }

    static List<Problem> readJsonl(Path file, InputFields fields) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        JsonLines.read(file, "input", (lineNumber, where, node) -> {
            Problem problem = parse(file, lineNumber, where, node, fields);
            Integer earlier = firstLine.putIfAbsent(problem.id(), lineNumber);
            if (earlier != null) {
                throw new UserError(where + ": duplicate id \"" + problem.id() + "\" (first on line " + earlier + ")");
            }
            problems.add(problem);
        });
        if (problems.isEmpty()) {
            throw new UserError("input " + file + " holds no problems");
        }
        return problems;
    }

    private static Problem parse(Path file, int lineNumber, String where, JsonNode node, InputFields fields) {
        if (node == null || !node.isObject()) {
            throw new UserError(where + ": expected a JSON object {\"" + fields.id() + "\"?, \"" + fields.question()
                    + "\", \"" + fields.answer() + "\"?}");
        }
        JsonNode answer = node.get(fields.answer());
        if (answer != null && !answer.isNull() && !answer.isTextual() && !answer.isNumber()) {
            throw new UserError(where + ": \"" + fields.answer() + "\" must be a string, a number or null, was " + answer);
        }
        JsonNode id = node.get(fields.id());
        String problemId = id == null || id.isNull() ? defaultId(file, lineNumber) : requiredText(node, fields.id(), where, fields);
        return new Problem(problemId, requiredText(node, fields.question(), where, fields),
                answer == null || answer.isNull() ? null : answer.asText());
    }

    /** {@code test-17} for line 17 of {@code test.jsonl}. */
    private static String defaultId(Path file, int lineNumber) {
        String name = file.getFileName() == null ? "line" : file.getFileName().toString();
        int dot = name.indexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "-" + lineNumber;
    }

    private static String requiredText(JsonNode node, String key, String where, InputFields fields) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new UserError(where + ": missing \"" + key + "\" (the line has " + fieldNames(node)
                    + "; " + fields.flagFor(key) + " names another field)");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new UserError(where + ": \"" + key + "\" must be a non-empty string, was " + value);
        }
        return value.asText();
    }

    private static String fieldNames(JsonNode node) {
        StringJoiner names = new StringJoiner(", ");
        node.fieldNames().forEachRemaining(name -> names.add("\"" + name + "\""));
        return names.length() == 0 ? "no fields" : "fields " + names;
    }
}
