package dev.banyan.search.math;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real solutions by question, for the simulated math models: GSM8K's {@code model_solutions} file, where each
 * line holds a question, its {@code ground_truth} solution and model solutions (objects with a
 * {@code "solution"}), one step a line. Read once per file and shared; immutable.
 */
final class SolutionBank {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, SolutionBank> LOADED = new ConcurrentHashMap<>();
    static final String GROUND_TRUTH = "ground_truth";

    /**
     * The solutions of one question.
     *
     * @param groundTruth the reference solution's steps
     * @param models each model solution's steps, in file order
     */
    record Solutions(List<String> groundTruth, List<List<String>> models) {
    }

    private final Path file;
    private final Map<String, Solutions> byQuestion;

    private SolutionBank(Path file, Map<String, Solutions> byQuestion) {
        this.file = file;
        this.byQuestion = byQuestion;
    }

    /** The bank of {@code file}, read on first use; throws {@link IllegalArgumentException} naming a bad line. */
    static SolutionBank load(Path file) {
        return LOADED.computeIfAbsent(file.toAbsolutePath().normalize(), SolutionBank::read);
    }

    /** The solutions of {@code question}; throws {@link IllegalArgumentException} when the file has none. */
    Solutions of(String question) {
        Solutions solutions = byQuestion.get(question);
        if (solutions == null) {
            throw new IllegalArgumentException("the simulated math models know the solutions of the " + byQuestion.size()
                    + " questions of " + file + " only, and not of '" + abbreviate(question) + "'");
        }
        return solutions;
    }

    int size() {
        return byQuestion.size();
    }

    private static SolutionBank read(Path file) {
        Map<String, Solutions> byQuestion = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    String where = file + " line " + lineNumber;
                    JsonNode node = parse(line, where);
                    byQuestion.putIfAbsent(text(node, "question", where), solutions(node, where));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the solutions file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (byQuestion.isEmpty()) {
            throw new IllegalArgumentException("the solutions file " + file + " holds no questions");
        }
        return new SolutionBank(file, Map.copyOf(byQuestion));
    }

    private static JsonNode parse(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(where + ": expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** The ground truth and every other field that is an object with a {@code "solution"}. */
    private static Solutions solutions(JsonNode node, String where) {
        List<List<String>> models = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            JsonNode solution = field.getValue().path("solution");
            if (solution.isTextual()) {
                models.add(steps(solution.asText()));
            }
        });
        return new Solutions(steps(text(node, GROUND_TRUTH, where)), List.copyOf(models));
    }

    private static List<String> steps(String solution) {
        return solution.lines().map(String::strip).filter(step -> !step.isEmpty()).toList();
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + ": expected a string \"" + key + "\"");
        }
        return value.asText();
    }

    private static String abbreviate(String question) {
        return question.length() <= 60 ? question : question.substring(0, 57) + "...";
    }
}
