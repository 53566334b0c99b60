package dev.banyan.search.algo;

/**
 * The selection maths of η-MCTS: UCT {@code Q + c·sqrt(ln N / n)} with {@code Q} the mean backed-up value.
 * Virtual loss counts each in-flight simulation as a visit that returned 0. A child not yet backed up (and not
 * in flight) scores its critic value plus {@code c·sqrt(ln N)}.
 */
final class MeanUctSelection {
    private MeanUctSelection() {
    }

    /** The child to descend into; ties go to the earliest child, so one thread is deterministic. */
    static Node select(Node parent, Node[] children, double c) {
        double logParent = Math.log(Math.max(1, parent.visitsOpaque() + parent.virtualLossOpaque()));
        Node best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Node child : children) {
            double score = score(child, logParent, c);
            if (score > bestScore) {
                bestScore = score;
                best = child;
            }
        }
        return best;
    }

    static double score(Node child, double logParentVisits, double c) {
        int effective = child.visitsOpaque() + child.virtualLossOpaque();
        if (effective == 0) {
            return child.valueAcquire() + c * Math.sqrt(logParentVisits);
        }
        return child.valueSumAcquire() / effective + c * Math.sqrt(logParentVisits / effective);
    }
}
