package dev.banyan.api;

import dev.banyan.search.ModelUsage;

/**
 * Counters of the model engines behind a {@link ModelBundle}: what the policy's KV cache saved, what the reward
 * model's value cache answered, and how full the engines' batches were. All zero for simulated models.
 *
 * @param kvReusedTokens prompt tokens whose keys and values were taken from the cache instead of recomputed
 * @param kvRecomputedTokens prompt tokens run through the policy again because no cache held them
 * @param valueCacheHits reward-model scores answered from the cache
 * @param policyTokens tokens the policy generated
 * @param policyPasses forward passes the policy ran
 * @param policyPassRows sequences over all the policy's passes (rows of its batches)
 * @param prmPasses forward passes the reward model ran
 * @param prmPassRows rows over all the reward model's passes
 * @param prmKvReusedTokens tokens the reward model scored from keys and values it already held (incremental
 *                          scoring) instead of running them again
 */
public record EngineStats(long kvReusedTokens, long kvRecomputedTokens, long valueCacheHits, long policyTokens,
                          long policyPasses, long policyPassRows, long prmPasses, long prmPassRows,
                          long prmKvReusedTokens) {
    public static final EngineStats ZERO = new EngineStats(0, 0, 0);

    /** Counters without the reward model's reused keys and values. */
    public EngineStats(long kvReusedTokens, long kvRecomputedTokens, long valueCacheHits, long policyTokens,
                       long policyPasses, long policyPassRows, long prmPasses, long prmPassRows) {
        this(kvReusedTokens, kvRecomputedTokens, valueCacheHits, policyTokens, policyPasses, policyPassRows, prmPasses,
                prmPassRows, 0);
    }

    /** Cache counters only; no pass counted. */
    public EngineStats(long kvReusedTokens, long kvRecomputedTokens, long valueCacheHits) {
        this(kvReusedTokens, kvRecomputedTokens, valueCacheHits, 0, 0, 0, 0, 0);
    }

    /** One search's counters, as its models added them to {@code usage}. */
    public static EngineStats of(ModelUsage usage) {
        return new EngineStats(usage.policyPrefixReused(), usage.policyPrefixRecomputed(), usage.prmCacheHits(),
                usage.policyTokens(), usage.policyPasses(), usage.policyPassRows(), usage.prmPasses(), usage.prmPassRows(),
                usage.prmKvReused());
    }

    public EngineStats plus(EngineStats other) {
        return new EngineStats(kvReusedTokens + other.kvReusedTokens, kvRecomputedTokens + other.kvRecomputedTokens,
                valueCacheHits + other.valueCacheHits, policyTokens + other.policyTokens,
                policyPasses + other.policyPasses, policyPassRows + other.policyPassRows, prmPasses + other.prmPasses,
                prmPassRows + other.prmPassRows, prmKvReusedTokens + other.prmKvReusedTokens);
    }

    /** What was counted since {@code earlier}, a reading of the same cumulative counters. */
    public EngineStats minus(EngineStats earlier) {
        return new EngineStats(kvReusedTokens - earlier.kvReusedTokens,
                kvRecomputedTokens - earlier.kvRecomputedTokens, valueCacheHits - earlier.valueCacheHits,
                policyTokens - earlier.policyTokens, policyPasses - earlier.policyPasses,
                policyPassRows - earlier.policyPassRows, prmPasses - earlier.prmPasses,
                prmPassRows - earlier.prmPassRows, prmKvReusedTokens - earlier.prmKvReusedTokens);
    }

    /** Mean sequences per policy forward pass; 0 before the first pass. */
    public double policyRowsPerPass() {
        return policyPasses == 0 ? 0 : (double) policyPassRows / policyPasses;
    }

    /** Mean rows per reward-model forward pass; 0 before the first pass. */
    public double prmRowsPerPass() {
        return prmPasses == 0 ? 0 : (double) prmPassRows / prmPasses;
    }
}
