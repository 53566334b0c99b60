package dev.banyan.search.algo;

/**
 * The selection maths of MCTS*: {@code V + c·sqrt(2·ln N_parent / n_child)}, with unvisited children scored
 * {@code V + infBonus}. Virtual loss counts each in-flight simulation as a visit that returned 0, so threads
 * descending at the same time spread over different children.
 */
final class UctSelection {
    private UctSelection() {
    }

    /** The child to descend into; ties go to the earliest child, so one thread is deterministic. */
    static Node select(Node parent, Node[] children, double c, double infBonus) {
        int parentVisits = parent.visitsOpaque() + parent.virtualLossOpaque();
        double logParent = Math.log(Math.max(1, parentVisits));
        Node best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Node child : children) {
            double score = score(child, logParent, c, infBonus);
            if (score > bestScore) {
                bestScore = score;
                best = child;
            }
        }
        return best;
    }

    static double score(Node child, double logParentVisits, double c, double infBonus) {
        int visits = child.visitsOpaque();
        int inFlight = child.virtualLossOpaque();
        double value = child.valueAcquire();
        if (visits + inFlight == 0) {
            return value + infBonus;
        }
        int effective = visits + inFlight;
        double pessimistic = value * visits / effective;
        return pessimistic + c * Math.sqrt(2 * logParentVisits / effective);
    }
}
