package dev.banyan.cli;

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

/**
 * Reads the problems of an input: a JSON Lines file of {@code {"id", "question", "answer"?}}, or a built-in
 * data set such as {@code game24:1-900}. The whole input is checked before any search starts, so a bad line
 * fails the command at once, naming the line.
 */
final class ProblemSource {
    private ProblemSource() {
    }

    static List<Problem> load(String input) {
        if (BuiltInData.isBuiltIn(input)) {
            return BuiltInData.load(input);
        }
        return readJsonl(Path.of(input));
    }

    static List<Problem> readJsonl(Path file) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Problem problem = parse(file, lineNumber, line);
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

    private static Problem parse(Path file, int lineNumber, String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UserError(file + " line " + lineNumber + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        String where = file + " line " + lineNumber;
        if (node == null || !node.isObject()) {
            throw new UserError(where + ": expected a JSON object {\"id\", \"question\", \"answer\"?}");
        }
        JsonNode answer = node.get("answer");
        if (answer != null && !answer.isNull() && !answer.isTextual()) {
            throw new UserError(where + ": \"answer\" must be a string or null, was " + answer);
        }
        return new Problem(requiredText(node, "id", where), requiredText(node, "question", where),
                answer == null || answer.isNull() ? null : answer.asText());
    }

    private static String requiredText(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new UserError(where + ": missing \"" + key + "\"");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new UserError(where + ": \"" + key + "\" must be a non-empty string, was " + value);
        }
        return value.asText();
    }
}
