package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Diverse verifier tree search (Beeching et al., 2024): {@code width / expansions} independent subtrees, each
 * a beam of width one. The root proposes {@code subtrees × expansions} first steps, all scored; the best
 * {@code subtrees} distinct ones root the subtrees (identical steps merge, so every subtree starts
 * differently; fewer subtrees run when fewer distinct steps came). Each subtree then repeatedly proposes
 * {@code expansions} steps from its node and moves to the best by aggregated PRM score, until a terminal, a
 * dead end or the budget. Subtrees run on up to {@code threads} threads. The answer is PRM-weighted, as in the
 * paper: the answer whose subtree ends' aggregated scores sum highest, ending on its best-scored subtree.
 *
 * <p>With width 0 the number of subtrees comes from the budget ({@link WidthFromBudget}): a pass of
 * {@link AlgorithmSpec#PILOT_WIDTH} subtrees, then passes with as many as the tokens left pay for at the last
 * pass's cost per subtree, until the budget is spent; the vote is over the ends of all passes.
 *
 * <p>One simulation is one expansion: a visit ending at the expanded node.
 */
record DvtsSearch(AlgorithmSpec.Dvts spec, int threads, ExecutorService pool) implements Algorithm {
    @Override
    public Choice search(SearchRun run) {
        Node root = run.tree.root();
        if (root.isTerminal()) {
            return Choice.of(root);
        }
        List<Node> reached = new ArrayList<>();
        WidthFromBudget.passes(run, spec.width() / spec.expansions(), subtrees -> pass(run, subtrees, reached));
        if (reached.isEmpty()) {
            return Choice.of(root);
        }
        List<Node> finished = new ArrayList<>(reached.size());
        for (Node end : reached) {
            if (end.isTerminal()) {
                finished.add(end);
            }
        }
        return AnswerVote.weighted(run, finished.isEmpty() ? reached : finished, Node::valueAcquire);
    }

    /**
     * One pass: a new expansion round of the root ({@code subtrees × expansions} first steps, none an earlier
     * pass took), the best {@code subtrees} of them each followed down by a beam of one; the subtrees' ends go to
     * {@code reached}. False when the budget cut the root's expansion or it gave no new first step.
     */
    private boolean pass(SearchRun run, int subtrees, List<Node> reached) {
        List<Node> firstSteps = BeamExpansion.expand(run, run.tree.root(), subtrees * spec.expansions(),
                spec.aggregation());
        if (firstSteps == null || firstSteps.isEmpty()) {
            return false; // cut by the budget, or no first step the earlier passes had not taken: nothing new to do
        }
        List<Node> starts = new ArrayList<>(firstSteps);
        BeamExpansion.sortBestFirst(starts);
        starts = starts.subList(0, Math.min(subtrees, starts.size()));
        reached.addAll(ParallelWorkers.map(threads, pool, starts, start -> descend(run, start)));
        return true;
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
