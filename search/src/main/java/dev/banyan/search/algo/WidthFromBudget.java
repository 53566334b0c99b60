package dev.banyan.search.algo;

/**
 * How wide the next pass of a budget-derived beam search or DVTS may be: the tokens left divided by what the
 * last pass cost per beam (or subtree). 0 when nothing more fits, when the budget has no token limit, or when the
 * last pass cost nothing (it grew nothing new: another would not either).
 */
final class WidthFromBudget {
    private WidthFromBudget() {
    }

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
