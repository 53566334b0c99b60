package dev.banyan.search.algo;

import dev.banyan.search.Aggregation;

import java.util.List;

/**
 * One chain of the sampling baselines: from the root, one proposed step at a time, down to a terminal. A step
 * the node already has is followed rather than added again, so chains that share a prefix share its nodes and
 * a chain is a root-to-end path of the tree.
 *
 * <p>A new step is scored (for a scored chain) before its node's expansion round is claimed, so the round's
 * owner holds it only to re-check the children and append one: a thread that finds the round taken spins
 * briefly and then follows the step if the owner added it. Two threads that sample the same new step at the
 * same moment both score it; the loser's score is dropped.
 *
 * <p>A node's value: for a scored chain its aggregated path score; unscored nodes start at 0 and get their
 * value from {@link AgreementValues} once the vote is known.
 */
final class Chain {
    private Chain() {
    }

    /**
     * Walks chain number {@code chain}.
     *
     * @param scoring how the PRM scores of a path are aggregated into its value, or null for an unscored chain
     * @return the chain's end (a terminal, or a dead end where the policy proposed nothing), or null when the
     *         budget cut it before it ended
     */
    static Node walk(SearchRun run, int chain, boolean greedy, Aggregation scoring) {
        Node node = run.tree.root();
        while (!node.isTerminal()) {
            if (run.shouldCut()) {
                return null;
            }
            List<Expander.Candidate> proposed = Expander.sample(run, node.path(), 1, greedy,
                    run.seedFor(node, chain, 0));
            if (proposed.isEmpty()) {
                return node;
            }
            node = follow(run, node, proposed.get(0), scoring);
        }
        return node;
    }

    /** The child of {@code node} for {@code step}: the existing one, or a new one appended under a round claim. */
    private static Node follow(SearchRun run, Node node, Expander.Candidate step, Aggregation scoring) {
        Node known = childWithStep(node, step.text());
        if (known != null) {
            return known;
        }
        double score = scoring == null ? Double.NaN : Expander.score(run, node.path(), List.of(step))[0];
        while (true) {
            if (node.casClaimRound(node.stateAcquire())) {
                try {
                    known = childWithStep(node, step.text());
                    if (known != null) {
                        return known;
                    }
                    Node child = Expander.newChild(run, node, step, score);
                    child.setValueRelease(scoring == null ? 0 : PathScore.of(scoring, child));
                    node.appendChildrenRelease(List.of(child));
                    return child;
                } finally {
                    node.setRoundDoneRelease();
                }
            }
            Thread.onSpinWait(); // another chain is appending a child here: an array copy, not a model call
            known = childWithStep(node, step.text());
            if (known != null) {
                return known;
            }
        }
    }

    private static Node childWithStep(Node node, String step) {
        for (Node child : node.childrenAcquire()) {
            if (child.step().equals(step)) {
                return child;
            }
        }
        return null;
    }
}
