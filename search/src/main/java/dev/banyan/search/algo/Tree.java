package dev.banyan.search.algo;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchTree;

import java.util.concurrent.atomic.AtomicInteger;

/** The tree of one search: its root and the id counter its nodes draw from. */
final class Tree implements SearchTree {
    private final Node root;
    /** Next node id; getAndIncrement, so ids are unique and, with one thread, reproducible. */
    private final AtomicInteger nextId = new AtomicInteger(1);

    Tree(ReasoningPath question, boolean rootTerminal) {
        this.root = Node.root(question, rootTerminal);
    }

    @Override
    public Node root() {
        return root;
    }

    int newId() {
        return nextId.getAndIncrement();
    }

    /** Nodes created so far, the root included. */
    int size() {
        return nextId.get();
    }
}
