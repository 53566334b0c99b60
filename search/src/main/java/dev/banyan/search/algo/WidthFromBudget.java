package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;

import java.util.function.IntPredicate;

/**
 * The passes of beam search and DVTS: one of the width set, or with width 0 a width derived from the budget,
 * {@link AlgorithmSpec#PILOT_WIDTH} first, then the tokens left divided by what the last pass cost per beam (or
 * subtree), until nothing more fits, the budget has no token limit, or a pass cost nothing (it grew nothing new:
 * another would not either).
 */
final class WidthFromBudget {
    private WidthFromBudget() {
    }

    /**
     * Runs {@code pass} (given its width; false when the budget cut it) once with {@code width}, or with width 0
     * over and over, as wide as the budget pays for, until a pass is cut or no width is left.
     */
    static void passes(SearchRun run, int width, IntPredicate pass) {
        int next = width > 0 ? width : AlgorithmSpec.PILOT_WIDTH;
        while (true) {
            long before = run.policyTokensSpent();
            if (!pass.test(next) || width > 0) {
                return;
            }
            next = next(run, next, run.policyTokensSpent() - before);
            if (next == 0) {
                return;
            }
        }
    }

    /** How wide the next derived pass may be after one of {@code lastWidth} that cost {@code lastPassTokens}; 0: none. */
    static int next(SearchRun run, int lastWidth, long lastPassTokens) {
        long limit = run.budget.policyTokens();
        if (limit == Long.MAX_VALUE || lastPassTokens <= 0 || run.shouldStop()) {
            return 0;
        }
        long left = limit - run.policyTokensSpent();
        if (left <= 0) {
            return 0;
        }
        double perBeam = (double) lastPassTokens / lastWidth;
        return (int) Math.min(1024, Math.floor(left / perBeam));
    }
}
