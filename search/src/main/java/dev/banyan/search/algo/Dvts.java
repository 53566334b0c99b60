package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Diverse verifier tree search (Beeching et al., 2024): {@code width / expansions} independent subtrees, each
 * a beam of width one. The root proposes {@code subtrees × expansions} first steps, all scored; the best
 * {@code subtrees} distinct ones root the subtrees (identical steps merge, so every subtree starts
 * differently; fewer subtrees run when fewer distinct steps came). Each subtree then repeatedly proposes
 * {@code expansions} steps from its node and moves to the best by aggregated PRM score, until a terminal, a
 * dead end or the budget. Subtrees run on up to {@code threads} threads. The answer is PRM-weighted, as in the
 * paper: the answer whose subtree ends' aggregated scores sum highest, ending on its best-scored subtree.
 *
 * <p>One simulation is one expansion: a visit ending at the expanded node.
 */
final class Dvts implements Algorithm {
    private final AlgorithmSpec.Dvts spec;
    private final int threads;
    private final ExecutorService pool;

    Dvts(AlgorithmSpec.Dvts spec, int threads, ExecutorService pool) {
        this.spec = spec;
        this.threads = threads;
        this.pool = pool;
    }

    @Override
    public Choice search(SearchRun run) {
        Node root = run.tree.root();
        if (root.isTerminal()) {
            return Choice.of(root);
        }
        int subtrees = spec.width() / spec.expansions();
        List<Node> firstSteps = BeamExpansion.expand(run, root, subtrees * spec.expansions(), spec.aggregation());
        if (firstSteps == null) {
            return Choice.of(root);
        }
        List<Node> starts = new ArrayList<>(firstSteps);
        BeamExpansion.sortBestFirst(starts);
        starts = starts.subList(0, Math.min(subtrees, starts.size()));
        AtomicReferenceArray<Node> ends = descendAll(run, starts);
        List<Node> reached = new ArrayList<>(ends.length());
        List<Node> finished = new ArrayList<>(ends.length());
        for (int i = 0; i < ends.length(); i++) {
            reached.add(ends.get(i));
            if (ends.get(i).isTerminal()) {
                finished.add(ends.get(i));
            }
        }
        return AnswerVote.weighted(run, finished.isEmpty() ? reached : finished, Node::valueAcquire);
    }

    /** Runs every subtree; entry i holds where subtree i stopped. */
    private AtomicReferenceArray<Node> descendAll(SearchRun run, List<Node> starts) {
        AtomicReferenceArray<Node> ends = new AtomicReferenceArray<>(starts.size());
        AtomicInteger next = new AtomicInteger();
        ParallelWorkers.run(Math.min(threads, starts.size()), pool, () -> {
            for (int i = next.getAndIncrement(); i < starts.size(); i = next.getAndIncrement()) {
                ends.set(i, descend(run, starts.get(i)));
            }
        });
        return ends;
    }

    /** A beam of one: follows the best-scored of each expansion's children. */
    private Node descend(SearchRun run, Node start) {
        Node node = start;
        while (!node.isTerminal()) {
            List<Node> children = BeamExpansion.expand(run, node, spec.expansions(), spec.aggregation());
            if (children == null || children.isEmpty()) {
                return node;
            }
            Node best = children.get(0);
            for (Node child : children) {
                if (child.valueAcquire() > best.valueAcquire()) {
                    best = child;
                }
            }
            node = best;
        }
        return node;
    }
}
