package dev.banyan.search;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the models spent on one search's own requests, added by the models as they answer them, on any thread.
 * Counting per request (rather than reading global counters before and after) keeps the figures exact when
 * searches overlap and share the models. Models that count nothing leave it at zero.
 *
 * <p>A forward pass counts once if any of this search's requests took part in it, with the pass's whole row
 * count (rows of other searches included), so {@link #policyRowsPerPass()} is the mean batch size of the passes
 * that served this search. Searched alone, a search's passes are all the engine's.
 */
public final class ModelUsage {
    private final LongAdder policyTokens = new LongAdder();
    private final LongAdder policyPrefixReused = new LongAdder();
    private final LongAdder policyPrefixRecomputed = new LongAdder();
    private final LongAdder policyPasses = new LongAdder();
    private final LongAdder policyPassRows = new LongAdder();
    private final LongAdder prmCacheHits = new LongAdder();
    private final LongAdder prmPasses = new LongAdder();
    private final LongAdder prmPassRows = new LongAdder();
    private final LongAdder prmKvReused = new LongAdder();
    /** The last policy pass counted; written only by the policy's inference thread, the one caller of {@link #policyPass}. */
    private long lastPolicyPass = -1;
    /** The last reward-model pass counted; written only by the reward model's inference thread. */
    private long lastPrmPass = -1;

    /** A policy request's context: {@code reused} tokens taken from cached keys and values, {@code recomputed} run again. */
    public void policyContext(long reused, long recomputed) {
        policyPrefixReused.add(reused);
        policyPrefixRecomputed.add(recomputed);
    }

    /** A token the policy generated for one of this search's requests. */
    public void policyToken() {
        policyTokens.increment();
    }

    /**
     * Policy pass number {@code pass} (increasing), of {@code rows} rows in all, ran a row of this search; called
     * for each such row, from the policy's one inference thread, and counted once.
     */
    public void policyPass(long pass, int rows) {
        if (pass != lastPolicyPass) {
            lastPolicyPass = pass;
            policyPasses.increment();
            policyPassRows.add(rows);
        }
    }

    /** A step score answered by the reward model's value cache (or by an evaluation already in flight). */
    public void prmCacheHit() {
        prmCacheHits.increment();
    }

    /** As {@link #policyPass}, for the reward model's passes, from its one inference thread. */
    public void prmPass(long pass, int rows) {
        if (pass != lastPrmPass) {
            lastPrmPass = pass;
            prmPasses.increment();
            prmPassRows.add(rows);
        }
    }

    /** Tokens an evaluation scored from keys and values the reward model already held. */
    public void prmKvReused(long tokens) {
        prmKvReused.add(tokens);
    }

    public long policyTokens() {
        return policyTokens.sum();
    }

    public long policyPrefixReused() {
        return policyPrefixReused.sum();
    }

    public long policyPrefixRecomputed() {
        return policyPrefixRecomputed.sum();
    }

    public long policyPasses() {
        return policyPasses.sum();
    }

    public long policyPassRows() {
        return policyPassRows.sum();
    }

    public long prmCacheHits() {
        return prmCacheHits.sum();
    }

    public long prmPasses() {
        return prmPasses.sum();
    }

    public long prmPassRows() {
        return prmPassRows.sum();
    }

    public long prmKvReused() {
        return prmKvReused.sum();
    }

    /** Mean rows of the policy passes this search's requests took part in; 0 before the first. */
    public double policyRowsPerPass() {
        long passes = policyPasses();
        return passes == 0 ? 0 : (double) policyPassRows() / passes;
    }
}
