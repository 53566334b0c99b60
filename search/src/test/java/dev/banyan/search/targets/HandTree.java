package dev.banyan.search.targets;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchTree;
import dev.banyan.search.TreeNode;
import java.util.ArrayList;
import java.util.List;

/** A tree built step by step in a test; ids are handed out in creation order, as a search would. */
final class HandTree implements SearchTree {
    private final Node root;
    private int nextId = 1;

    HandTree(String question) {
        root = new Node(0, null, "", false, 0.0, 0, ReasoningPath.of(question));
    }

    @Override
    public Node root() {
        return root;
    }

    /** Adds a child under {@code parent}. */
    Node add(Node parent, String step, boolean terminal, double value, int visits) {
        Node child = new Node(nextId++, parent, step, terminal, value, visits, parent.path.extend(step));
        parent.children.add(child);
        return child;
    }

    /** Adds a non-terminal child with the given id, for trees that break the creation-order promise. */
    Node addNumbered(Node parent, String step, int id) {
        Node child = new Node(id, parent, step, false, 0.5, 1, parent.path.extend(step));
        parent.children.add(child);
        return child;
    }

    /** Adds a child that is terminal exactly when {@link EqualsTask} says so, with value 0.5 and one visit. */
    Node add(Node parent, String step) {
        return add(parent, step, EqualsTask.isAnswer(step), 0.5, 1);
    }

    /** A node of a hand-built tree; its value may be changed after it is added. */
    static final class Node implements TreeNode {
        private final int id;
        private final Node parent;
        private final String step;
        private final boolean terminal;
        private final int visits;
        private final ReasoningPath path;
        private final List<Node> children = new ArrayList<>();
        private double value;

        private Node(int id, Node parent, String step, boolean terminal, double value, int visits,
                     ReasoningPath path) {
            this.id = id;
            this.parent = parent;
            this.step = step;
            this.terminal = terminal;
            this.value = value;
            this.visits = visits;
            this.path = path;
        }

        Node value(double newValue) {
            value = newValue;
            return this;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public Node parent() {
            return parent;
        }

        @Override
        public String step() {
            return step;
        }

        @Override
        public int depth() {
            return path.depth();
        }

        @Override
        public boolean isTerminal() {
            return terminal;
        }

        @Override
        public double value() {
            return value;
        }

        @Override
        public double prmScore() {
            return parent == null ? Double.NaN : value;
        }

        @Override
        public int visits() {
            return visits;
        }

        @Override
        public int tokenCount() {
            return step.length();
        }

        @Override
        public double logProb() {
            return -step.length();
        }

        @Override
        public List<Node> children() {
            return children;
        }

        @Override
        public ReasoningPath path() {
            return path;
        }

        @Override
        public String toString() {
            return "node " + id + " " + path;
        }
    }
}
