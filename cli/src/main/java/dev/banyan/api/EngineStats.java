package dev.banyan.api;

/**
 * Counters of the model engines behind a {@link ModelBundle}: what the policy's KV cache saved and the reward
 * model's value cache answered. All zero for simulated models.
 *
 * @param kvReusedTokens prompt tokens whose keys and values were taken from the cache instead of recomputed
 * @param kvRecomputedTokens prompt tokens run through the policy again because no cache held them
 * @param valueCacheHits reward-model scores answered from the cache
 */
public record EngineStats(long kvReusedTokens, long kvRecomputedTokens, long valueCacheHits) {
    public static final EngineStats ZERO = new EngineStats(0, 0, 0);

    public EngineStats plus(EngineStats other) {
        return new EngineStats(kvReusedTokens + other.kvReusedTokens, kvRecomputedTokens + other.kvRecomputedTokens,
                valueCacheHits + other.valueCacheHits);
    }

    /** What was counted since {@code earlier}, a reading of the same cumulative counters. */
    public EngineStats minus(EngineStats earlier) {
        return new EngineStats(kvReusedTokens - earlier.kvReusedTokens,
                kvRecomputedTokens - earlier.kvRecomputedTokens, valueCacheHits - earlier.valueCacheHits);
    }
}
