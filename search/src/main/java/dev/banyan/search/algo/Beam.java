package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
final class Beam implements Algorithm {
    private final AlgorithmSpec.Beam spec;
    private final int threads;
    private final ExecutorService pool;

    Beam(AlgorithmSpec.Beam spec, int threads, ExecutorService pool) {
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
        List<Node> finished = new ArrayList<>();
        List<Node> lastLive = List.of(root);
        int width = spec.width() > 0 ? spec.width() : AlgorithmSpec.PILOT_WIDTH;
        while (true) {
            long before = run.policyTokensSpent();
            Pass pass = pass(run, width, finished);
            if (!pass.lastLive.isEmpty()) {
                lastLive = pass.lastLive;
            }
            if (pass.cut || spec.width() > 0) {
                break;
            }
            width = WidthFromBudget.next(run, width, run.policyTokensSpent() - before);
            if (width == 0) {
                break;
            }
        }
        return AnswerVote.best(run, finished.isEmpty() ? lastLive : finished, Node::valueAcquire);
    }

    private record Pass(List<Node> lastLive, boolean cut) {
    }

    /**
     * One beam search of {@code width} beams from the root (the root's expansions after the first are new rounds,
     * so a later pass starts from steps no earlier pass took); its terminals go to {@code finished}.
     */
    private Pass pass(SearchRun run, int width, List<Node> finished) {
        List<Node> live = List.of(run.tree.root());
        List<Node> lastLive = List.of();
        boolean cut = false;
        while (!live.isEmpty() && !cut) {
            AtomicReferenceArray<List<Node>> grown = expandAll(run, live);
            List<Node> open = new ArrayList<>();
            for (int i = 0; i < grown.length(); i++) {
                List<Node> children = grown.get(i);
                if (children == null) {
                    cut = true;
                    continue;
                }
                for (Node child : children) {
                    (child.isTerminal() ? finished : open).add(child);
                }
            }
            BeamExpansion.sortBestFirst(open);
            live = open.subList(0, Math.min(width, open.size()));
            if (!live.isEmpty()) {
                lastLive = live;
            }
        }
        return new Pass(lastLive, cut);
    }

    /** Expands every live beam once; entry i holds beam i's new children, or null where the budget cut it. */
    private AtomicReferenceArray<List<Node>> expandAll(SearchRun run, List<Node> live) {
        AtomicReferenceArray<List<Node>> grown = new AtomicReferenceArray<>(live.size());
        AtomicInteger next = new AtomicInteger();
        ParallelWorkers.run(Math.min(threads, live.size()), pool, () -> {
            for (int i = next.getAndIncrement(); i < live.size(); i = next.getAndIncrement()) {
                grown.set(i, BeamExpansion.expand(run, live.get(i), spec.expansions(), spec.aggregation()));
            }
        });
        return grown;
    }
}
