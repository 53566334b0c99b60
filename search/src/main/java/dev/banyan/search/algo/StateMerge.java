package dev.banyan.search.algo;

import dev.banyan.search.EditDistance;

import java.util.List;
import java.util.function.IntFunction;

/**
 * η-MCTS's state merge: a new step closer than {@code distance} edits to an existing sibling is taken for the
 * same state and drawn again, up to {@code resamples} times; if every draw is close, the farthest is kept. An
 * identical step is never kept, whatever the distance setting, since siblings are keyed by their text.
 */
final class StateMerge {
    private StateMerge() {
    }

    /**
     * @param draw draw number {@code k} (0 first); null when nothing was drawn (an empty step, or the budget)
     * @param siblings the existing siblings' steps
     * @return the chosen candidate, or null when every draw was empty or identical to a sibling
     */
    static Expander.Candidate choose(IntFunction<Expander.Candidate> draw, List<String> siblings, int distance,
                                     int resamples) {
        int enough = Math.max(1, distance);
        Expander.Candidate farthest = null;
        int farthestGap = 0;
        for (int attempt = 0; attempt <= resamples; attempt++) {
            Expander.Candidate candidate = draw.apply(attempt);
            if (candidate == null) {
                continue;
            }
            int gap = nearest(candidate.text(), siblings);
            if (gap >= enough) {
                return candidate;
            }
            if (gap > farthestGap) {
                farthest = candidate;
                farthestGap = gap;
            }
        }
        return farthest;
    }

    /** The distance to the nearest sibling; {@code Integer.MAX_VALUE} with none. */
    private static int nearest(String step, List<String> siblings) {
        int nearest = Integer.MAX_VALUE;
        for (String sibling : siblings) {
            nearest = Math.min(nearest, EditDistance.between(step, sibling));
        }
        return nearest;
    }
}
