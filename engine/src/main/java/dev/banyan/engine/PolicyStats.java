package dev.banyan.engine;

/**
 * What a {@link PolicyEngine} has done since it was built.
 *
 * @param requests requests completed or failed
 * @param tokensGenerated tokens sampled, over all proposals
 * @param prefixTokensReused context tokens whose keys and values came from the prefix cache
 * @param prefixTokensRecomputed context tokens run through the model although their keys and values had been
 *                               computed before (evicted since, or a context's last token, whose logits are needed)
 * @param prefixTokensFirstRun context tokens run for the first time (a new prompt, the delimiter after a step)
 * @param cacheLookups prefix-cache lookups (one per request)
 * @param cacheHits lookups that found a cached prefix
 * @param cacheBytes bytes the prefix cache holds now, at most its budget: each entry's own keys and values (its
 *                   cached ancestors are entries of their own, counted once)
 * @param cacheEntries prefixes the cache holds now
 * @param cacheEvictions entries evicted to stay within the byte budget
 * @param forwardPasses forward passes run
 * @param passRows sequences over all passes (rows of the batches)
 * @param passTokens real (unpadded) tokens over all passes
 * @param contextsFromTokenIds requests with steps whose context was built from the steps' generated token ids
 * @param contextsRetokenized requests with steps whose context was encoded from its text instead (steps without
 *                            ids, or ids that did not spell the context): their KV reuse is not assured
 */
public record PolicyStats(long requests, long tokensGenerated, long prefixTokensReused, long prefixTokensRecomputed,
                          long prefixTokensFirstRun,
                          long cacheLookups, long cacheHits, long cacheBytes, long cacheEntries, long cacheEvictions,
                          long forwardPasses, long passRows, long passTokens, long contextsFromTokenIds,
                          long contextsRetokenized) {

    /** Hits per lookup; 0 before the first lookup. */
    public double cacheHitRate() {
        return cacheLookups == 0 ? 0 : (double) cacheHits / cacheLookups;
    }

    /** Mean sequences per forward pass; 0 before the first pass. */
    public double meanBatchSize() {
        return forwardPasses == 0 ? 0 : (double) passRows / forwardPasses;
    }

    /** Context tokens recomputed per context token needed: what the prefix cache failed to save. */
    public double prefixRecomputedShare() {
        long needed = prefixTokensReused + prefixTokensRecomputed + prefixTokensFirstRun;
        return needed == 0 ? 0 : (double) prefixTokensRecomputed / needed;
    }
}
