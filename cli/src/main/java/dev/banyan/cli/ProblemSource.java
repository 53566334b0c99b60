package dev.banyan.cli;

import dev.banyan.search.tasks.Problem;
import dev.banyan.search.tasks.TaskRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    static List<Problem> readJsonl(Path file, InputFields fields) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Problem problem = parse(file, lineNumber, line, fields);
                Integer earlier = firstLine.putIfAbsent(problem.id(), lineNumber);
                if (earlier != null) {
                    throw new UserError(file + " line " + lineNumber + ": duplicate id \"" + problem.id()
                            + "\" (first on line " + earlier + ")");
                }
                problems.add(problem);
            }
        } catch (NoSuchFileException e) {
            throw new UserError("input " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + file + ": " + e.getMessage(), e);
        }
        if (problems.isEmpty()) {
            throw new UserError("input " + file + " holds no problems");
        }
        return problems;
    }

    private static Problem parse(Path file, int lineNumber, String line, InputFields fields) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UserError(file + " line " + lineNumber + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        String where = file + " line " + lineNumber;
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
