package dev.banyan.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchTree;
import dev.banyan.search.TreeNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A searched tree read back from a {@code trees.jsonl} record, as {@link Records#tree} wrote it. */
final class SavedTree implements SearchTree {
    final String id;
    final String task;
    /** The task's settings as saved, or empty. */
    final Map<String, Object> taskSettings;
    final String question;
    /** The expected answer, or null. */
    final String answer;
    final JsonNode record;
    private final SavedNode root;

    private SavedTree(String id, String task, Map<String, Object> taskSettings, String question, String answer,
                      JsonNode record, SavedNode root) {
        this.id = id;
        this.task = task;
        this.taskSettings = taskSettings;
        this.question = question;
        this.answer = answer;
        this.record = record;
        this.root = root;
    }

    /** Rebuilds the tree of {@code record}; {@code where} names the file and line for error messages. */
    static SavedTree of(JsonNode record, String where) {
        if (record == null || !record.isObject()) {
            throw new UserError(where + ": expected a tree record (a JSON object)");
        }
        String id = text(record, "id", where, false);
        String task = text(record, "task", where, false);
        JsonNode settings = record.path("taskSettings");
        if (!settings.isMissingNode() && !settings.isObject()) {
            throw new UserError(where + ": \"taskSettings\" must be an object");
        }
        Map<String, Object> taskSettings = settings.isObject()
                ? Json.MAPPER.convertValue(settings, new TypeReference<Map<String, Object>>() { }) : Map.of();
        String question = text(record, "question", where, false);
        String answer = text(record, "answer", where, true);
        JsonNode nodes = record.get("nodes");
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            throw new UserError(where + ": \"nodes\" must be a non-empty array");
        }
        Map<Integer, SavedNode> byId = new HashMap<>();
        SavedNode root = null;
        for (JsonNode entry : nodes) {
            int nodeId = integer(entry, "id", where);
            JsonNode parentId = entry.get("parent");
            SavedNode parent = null;
            if (parentId != null && !parentId.isNull()) {
                parent = byId.get(parentId.asInt());
                if (parent == null) {
                    throw new UserError(where + ": node " + nodeId + " comes before its parent " + parentId);
                }
            } else if (root != null) {
                throw new UserError(where + ": nodes " + root.id + " and " + nodeId + " both lack a parent");
            }
            ReasoningPath path = parent == null ? ReasoningPath.of(question) : parent.path.extend(entry.path("text").asText());
            SavedNode node = new SavedNode(nodeId, parent, path, entry);
            if (byId.put(nodeId, node) != null) {
                throw new UserError(where + ": two nodes have id " + nodeId);
            }
            if (parent == null) {
                root = node;
            } else {
                parent.children.add(node);
            }
        }
        if (root == null) {
            throw new UserError(where + ": no node is the root (parent null)");
        }
        return new SavedTree(id, task, taskSettings, question, answer, record, root);
    }

    @Override
    public TreeNode root() {
        return root;
    }

    private static String text(JsonNode record, String key, String where, boolean nullable) {
        JsonNode value = record.get(key);
        if (nullable && (value == null || value.isNull())) {
            return null;
        }
        if (value == null || !value.isTextual()) {
            throw new UserError(where + ": \"" + key + "\" must be a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode entry, String key, String where) {
        JsonNode value = entry.get(key);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new UserError(where + ": every node needs an integer \"" + key + "\"");
        }
        return value.asInt();
    }

    /** One node, its numbers as saved (a missing or null number reads as NaN). */
    private static final class SavedNode implements TreeNode {
        final int id;
        final SavedNode parent;
        final ReasoningPath path;
        final JsonNode entry;
        final List<SavedNode> children = new ArrayList<>();

        SavedNode(int id, SavedNode parent, ReasoningPath path, JsonNode entry) {
            this.id = id;
            this.parent = parent;
            this.path = path;
            this.entry = entry;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public TreeNode parent() {
            return parent;
        }

        @Override
        public String step() {
            return parent == null ? "" : path.newestStep();
        }

        @Override
        public int depth() {
            return path.depth();
        }

        @Override
        public boolean isTerminal() {
            return entry.path("terminal").asBoolean(false);
        }

        @Override
        public double value() {
            return number("value");
        }

        @Override
        public double prmScore() {
            return number("q");
        }

        @Override
        public int visits() {
            return entry.path("visits").asInt(0);
        }

        @Override
        public int tokenCount() {
            return entry.path("tokens").asInt(0);
        }

        @Override
        public double logProb() {
            return number("logProb");
        }

        @Override
        public List<? extends TreeNode> children() {
            return Collections.unmodifiableList(children);
        }

        @Override
        public ReasoningPath path() {
            return path;
        }

        private double number(String key) {
            JsonNode value = entry.get(key);
            return value != null && value.isNumber() ? value.doubleValue() : Double.NaN;
        }
    }
}
