package dev.banyan.api.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchTree;
import dev.banyan.search.TreeNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A searched tree read back from its {@link TreeLine}, for deriving training records without the models. */
public final class SavedTree implements SearchTree {
    private final TreeLine line;
    private final SavedNode root;

    private SavedTree(TreeLine line, SavedNode root) {
        this.line = line;
        this.root = root;
    }

    /**
     * Rebuilds the tree of a line read from a file; {@code where} names the file and line in errors.
     *
     * @throws IllegalArgumentException naming what is wrong with the line
     */
    public static SavedTree read(JsonNode record, String where) {
        return of(TreeLine.read(record, where), where);
    }

    /** Rebuilds the tree of {@code line}; {@code where} names its origin in errors. */
    public static SavedTree of(TreeLine line, String where) {
        require(line.id() != null, where, "\"id\" must be a string");
        require(line.task() != null, where, "\"task\" must be a string");
        require(line.question() != null, where, "\"question\" must be a string");
        require(line.nodes() != null && !line.nodes().isEmpty(), where, "\"nodes\" must be a non-empty array");
        Map<Integer, SavedNode> byId = new HashMap<>();
        SavedNode root = null;
        for (TreeLine.Node entry : line.nodes()) {
            require(entry != null && entry.id() != null, where, "every node needs an integer \"id\"");
            SavedNode parent = null;
            if (entry.parent() != null) {
                parent = byId.get(entry.parent());
                require(parent != null, where, "node " + entry.id() + " comes before its parent " + entry.parent());
            } else {
                require(root == null, where, "nodes " + (root == null ? "" : root.entry.id()) + " and " + entry.id()
                        + " both lack a parent");
            }
            ReasoningPath path = parent == null ? ReasoningPath.of(line.question())
                    : parent.path.extend(entry.text() == null ? "" : entry.text());
            SavedNode node = new SavedNode(parent, path, entry);
            require(byId.put(entry.id(), node) == null, where, "two nodes have id " + entry.id());
            if (parent == null) {
                root = node;
            } else {
                parent.children.add(node);
            }
        }
        require(root != null, where, "no node is the root (parent null)");
        return new SavedTree(line, root);
    }

    /** The line this tree was read from. */
    public TreeLine line() {
        return line;
    }

    @Override
    public TreeNode root() {
        return root;
    }

    private static void require(boolean condition, String where, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(where + ": " + problem);
        }
    }

    /** One node, its numbers as saved (a missing number reads as NaN). */
    private static final class SavedNode implements TreeNode {
        final SavedNode parent;
        final ReasoningPath path;
        final TreeLine.Node entry;
        final List<SavedNode> children = new ArrayList<>();

        SavedNode(SavedNode parent, ReasoningPath path, TreeLine.Node entry) {
            this.parent = parent;
            this.path = path;
            this.entry = entry;
        }

        @Override
        public int id() {
            return entry.id();
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
            return entry.terminal();
        }

        @Override
        public double value() {
            return JsonRecords.orNaN(entry.value());
        }

        @Override
        public double prmScore() {
            return JsonRecords.orNaN(entry.q());
        }

        @Override
        public int visits() {
            return entry.visits();
        }

        @Override
        public int tokenCount() {
            return entry.tokens();
        }

        @Override
        public double logProb() {
            return JsonRecords.orNaN(entry.logProb());
        }

        @Override
        public List<? extends TreeNode> children() {
            return Collections.unmodifiableList(children);
        }

        @Override
        public ReasoningPath path() {
            return path;
        }
    }
}
