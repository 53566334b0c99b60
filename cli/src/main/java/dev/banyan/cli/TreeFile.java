package dev.banyan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.banyan.search.Task;
import dev.banyan.search.tasks.TaskRegistry;
import dev.banyan.search.tasks.TaskSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a {@code trees.jsonl} written by {@code run --export-dir}. */
final class TreeFile {
    private TreeFile() {
    }

    static List<SavedTree> read(Path file) {
        List<SavedTree> trees = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + " line " + lineNumber;
                try {
                    trees.add(SavedTree.of(Json.MAPPER.readTree(line), where));
                } catch (JsonProcessingException e) {
                    throw new UserError(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
                }
            }
        } catch (NoSuchFileException e) {
            throw new UserError("trees file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return trees;
    }

    /** The task a saved tree names, made with the settings saved beside it. */
    static Task task(String name, Map<String, Object> settings) {
        try {
            return TaskRegistry.named(name).create(TaskSettings.of("the saved tree's \"taskSettings\"", settings));
        } catch (IllegalArgumentException e) {
            throw new UserError("a saved tree names " + e.getMessage());
        }
    }
}
