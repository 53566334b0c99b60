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
 */
record CompareCell(String algorithm, long budget, long solved, long total, long policyTokens, long wallMillis) {
    double rate() {
        return total == 0 ? 0 : (double) solved / total;
    }

    double avgPolicyTokens() {
        return total == 0 ? 0 : (double) policyTokens / total;
    }

    double avgWallMillis() {
        return total == 0 ? 0 : (double) wallMillis / total;
    }
}
