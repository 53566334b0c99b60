package dev.banyan.search.algo;

/**
 * The selection maths of MCTS*: {@code V + c·sqrt(2·ln N_parent / n_child)}, with unvisited children scored
 * {@code V + infBonus}, minus {@code virtualLoss} for each simulation now in flight through the child.
 *
 * <p>Why a fixed amount of score per in-flight simulation: counting one as one more visit worth 0 (the textbook
 * virtual loss) moves a child with thousands of visits by a thousandth, so concurrent threads would walk the
 * same path, write the same nodes and pile onto an expansion another thread owns. The default, a whole unit of V
 * ({@link dev.banyan.search.AlgorithmSpec.MctsStar#VIRTUAL_LOSS}), sends the next thread to the best free
 * sibling instead. With one thread no sibling is ever in flight, so it changes nothing there.
 */
final class UctSelection {
    private UctSelection() {
    }

    /** The child to descend into; ties go to the earliest child, so one thread is deterministic. */
    static Node select(Node parent, Node[] children, double c, double infBonus, double virtualLoss) {
        double logParent = Math.log(Math.max(1, parentVisits(parent, children)));
        Node best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Node child : children) {
            double score = score(child.countsOpaque(), child.valueAcquire(), logParent, c, infBonus, virtualLoss);
            if (score > bestScore) {
                bestScore = score;
                best = child;
            }
        }
        return best;
    }

    /**
     * N_parent, counting simulations in flight. The root's visits are not kept during a search (every
     * simulation would write its line), so for the root N is its own visits plus its children's. (The search
     * selects at the root through {@link RootView}; this live reading is the twin it is tested against.)
     */
    private static int parentVisits(Node parent, Node[] children) {
        if (parent.parent() != null) {
            long counts = parent.countsOpaque();
            return Node.visitsOf(counts) + Node.inFlightOf(counts);
        }
        int visits = parent.selfVisitsOpaque();
        for (Node child : children) {
            long counts = child.countsOpaque();
            visits += Node.visitsOf(counts) + Node.inFlightOf(counts);
        }
        return visits;
    }

    /** The score of a child with these packed visit counts (see {@link Node#visitsOf}) and this V. */
    static double score(long counts, double value, double logParentVisits, double c, double infBonus,
                        double virtualLoss) {
        int visits = Node.visitsOf(counts);
        double score = visits == 0 ? value + infBonus : value + c * Math.sqrt(2 * logParentVisits / visits);
        return score - virtualLoss * Node.inFlightOf(counts);
    }
}
