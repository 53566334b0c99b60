package dev.banyan.cli;

/**
 * The outcome of one algorithm at one budget over the compared problems.
 *
 * @param algorithm the algorithm's name
 * @param budget the policy-token budget per problem
 * @param solved problems the verifier judged correct
 * @param total problems searched
 * @param policyTokens policy tokens spent, summed over the problems
 * @param wallMillis wall-clock milliseconds, summed over the problems
 * @param nodes tree nodes (the root included), summed over the problems
 * @param terminals finished paths in the trees, summed
 * @param depth the trees' greatest depths, summed
 * @param rootWidth the roots' children, summed
 * @param holdingRight trees holding at least one right terminal
 */
record CompareCell(String algorithm, long budget, long solved, long total, long policyTokens, long wallMillis,
                   long nodes, long terminals, long depth, long rootWidth, long holdingRight) {
    CompareCell(String algorithm, long budget, long solved, long total, long policyTokens, long wallMillis) {
        this(algorithm, budget, solved, total, policyTokens, wallMillis, 0, 0, 0, 0, 0);
    }

    double rate() {
        return perProblem(solved);
    }

    double avgPolicyTokens() {
        return perProblem(policyTokens);
    }

    double avgWallMillis() {
        return perProblem(wallMillis);
    }

    double avgNodes() {
        return perProblem(nodes);
    }

    double avgTerminals() {
        return perProblem(terminals);
    }

    double avgDepth() {
        return perProblem(depth);
    }

    double avgRootWidth() {
        return perProblem(rootWidth);
    }

    double holdingRightRate() {
        return perProblem(holdingRight);
    }

    /** {@code sum} over the problems, per problem (0 for an empty cell). */
    private double perProblem(long sum) {
        return total == 0 ? 0 : (double) sum / total;
    }
}
