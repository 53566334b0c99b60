package dev.banyan.search.algo;

/**
 * Records one completed walk of the baselines: a visit on every node from {@code end} up to the root, and a
 * self visit at {@code end}, so that {@code visits = selfVisits + children's visits} holds as in MCTS.
 */
final class Visits {
    private Visits() {
    }

    static void recordAt(Node end) {
        end.addSelfVisit();
        for (Node node = end; node != null; node = node.parent()) {
            node.addVisit();
        }
    }
}
