package dev.banyan.cli;

import dev.banyan.api.records.SavedTree;
import dev.banyan.search.Task;
import dev.banyan.search.tasks.TaskRegistry;
import dev.banyan.search.tasks.TaskSettings;

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
        JsonLines.read(file, "trees file", (lineNumber, where, node) -> trees.add(readTree(node, where)));
        return trees;
    }

    private static SavedTree readTree(com.fasterxml.jackson.databind.JsonNode node, String where) {
        try {
            return SavedTree.read(node, where);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
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
