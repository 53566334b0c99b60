package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Step-level beam search ranked by the PRM. The root is the first live beam. Each round, every live beam
 * proposes {@code expansions} sampled steps (the beams of a round on up to {@code threads} threads), all
 * scored by the PRM; candidates rank by aggregated path score; terminal candidates are collected, and the
 * best {@code width} non-terminal ones are the next round's live beams. It stops when no beam is live (every
 * path ends by the task's step limit) or at the budget; a round the budget cuts still ranks what it made.
 * The answer is the best-scored collected terminal, or the best live path when none ended.
 *
 * <p>With width 0 the width comes from the budget ({@link WidthFromBudget}): a pass of
 * {@link AlgorithmSpec#PILOT_WIDTH} beams, then passes as wide as the tokens left pay for at the last pass's
 * cost per beam, until the budget is spent (search-and-learn likewise scales the beams with the compute). The
 * answer is chosen among the terminals of all passes.
 *
 * <p>One simulation is one beam's expansion: a visit ending at the expanded node.
 */
record BeamSearch(AlgorithmSpec.Beam spec, int threads, ExecutorService pool) implements Algorithm {
    @Override
    public Choice search(SearchRun run) {
        Node root = run.tree.root();
        if (root.isTerminal()) {
            return Choice.of(root);
        }
        Reached reached = new Reached(root);
        WidthFromBudget.passes(run, spec.width(), width -> pass(run, width, reached));
        return AnswerVote.best(run, reached.finished.isEmpty() ? reached.lastLive : reached.finished,
                Node::valueAcquire);
    }

    /** What the passes reached: the terminals collected, and the last round's live beams (the root before any). */
    private static final class Reached {
        final List<Node> finished = new ArrayList<>();
        List<Node> lastLive;

        Reached(Node root) {
            this.lastLive = List.of(root);
        }
    }

    /**
     * One beam search of {@code width} beams from the root (the root's expansions after the first are new rounds,
     * so a later pass starts from steps no earlier pass took), into {@code reached}; false when the budget cut it.
     */
    private boolean pass(SearchRun run, int width, Reached reached) {
        List<Node> live = List.of(run.tree.root());
        boolean cut = false;
        while (!live.isEmpty() && !cut) {
            List<List<Node>> grown = ParallelWorkers.map(threads, pool, live,
                    beam -> BeamExpansion.expand(run, beam, spec.expansions(), spec.aggregation()));
            List<Node> open = new ArrayList<>();
            for (List<Node> children : grown) {
                if (children == null) { // the budget cut this beam's expansion
                    cut = true;
                    continue;
                }
                for (Node child : children) {
                    (child.isTerminal() ? reached.finished : open).add(child);
                }
            }
            BeamExpansion.sortBestFirst(open);
            live = open.subList(0, Math.min(width, open.size()));
            if (!live.isEmpty()) {
                reached.lastLive = live;
            }
        }
        return !cut;
    }
}
