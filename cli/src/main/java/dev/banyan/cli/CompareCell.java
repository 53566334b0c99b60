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
        return total == 0 ? 0 : (double) solved / total;
    }

    double avgPolicyTokens() {
        return total == 0 ? 0 : (double) policyTokens / total;
    }

    double avgWallMillis() {
        return total == 0 ? 0 : (double) wallMillis / total;
    }

    double avgNodes() {
        return total == 0 ? 0 : (double) nodes / total;
    }

    double avgTerminals() {
        return total == 0 ? 0 : (double) terminals / total;
    }

    double avgDepth() {
        return total == 0 ? 0 : (double) depth / total;
    }

    double avgRootWidth() {
        return total == 0 ? 0 : (double) rootWidth / total;
    }

    double holdingRightRate() {
        return total == 0 ? 0 : (double) holdingRight / total;
    }
}
