package dev.banyan.search.algo;

import dev.banyan.search.Aggregation;

import java.util.List;

/**
 * One step of a PRM-ranked beam (beam search, DVTS): expands a beam's node once, as one simulation of the
 * budget, and records that simulation as a visit ending at the expanded node. Each new child is valued by
 * its path's aggregated PRM score.
 */
final class BeamExpansion {
    private BeamExpansion() {
    }

    /** Proposes {@code count} steps from {@code beam}; returns its new children, or null when the budget is spent. */
    static List<Node> expand(SearchRun run, Node beam, int count, Aggregation aggregation) {
        if (run.shouldStop() || !run.tryClaimSimulation()) {
            return null;
        }
        int state = beam.stateAcquire();
        if (!beam.casClaimRound(state)) {
            run.releaseSimulation();
            throw new IllegalStateException("beam node " + beam + " is being expanded twice at once (state " + state + ")");
        }
        List<Node> fresh;
        try {
            fresh = Expander.propose(run, beam, count, false, state >>> 1, 0);
            for (Node child : fresh) {
                child.setValueRelease(PathScore.of(aggregation, child));
            }
            beam.appendChildrenRelease(fresh);
        } finally {
            beam.setRoundDoneRelease();
        }
        Visits.recordAt(beam);
        return fresh;
    }

    /** Best first by value; a stable sort, so ties keep the order in which the candidates were made. */
    static void sortBestFirst(List<Node> candidates) {
        candidates.sort((a, b) -> Double.compare(b.valueAcquire(), a.valueAcquire()));
    }
}
