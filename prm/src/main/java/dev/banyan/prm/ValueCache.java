package dev.banyan.prm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.banyan.search.ReasoningPath;
import java.util.concurrent.CompletableFuture;

/**
 * Step scores by exact path (question and every step), bounded in entries. The map holds futures, so a request
 * for a path whose evaluation is still running shares it instead of starting another. A failed evaluation leaves
 * the map before its future fails, so a later request tries again. Thread-safe.
 */
final class ValueCache {
    /** Null when caching is off: every request claims its own evaluation. */
    private final Cache<ReasoningPath, CompletableFuture<Double>> cache;
    private final PrmCounters counters;

    /** @param maxEntries the most paths kept; 0 turns the cache off */
    ValueCache(long maxEntries, PrmCounters counters) {
        this.cache = maxEntries == 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
        this.counters = counters;
    }

    /**
     * The score of {@code path}'s newest step: the cached or in-flight future ({@code owned} false), or a new,
     * incomplete one now in the map ({@code owned} true), which the caller must {@link #settle}.
     */
    record Claim(ReasoningPath path, CompletableFuture<Double> future, boolean owned) {
    }

    Claim claim(ReasoningPath path) {
        CompletableFuture<Double> mine = new CompletableFuture<>();
        CompletableFuture<Double> found = cache == null ? null : cache.asMap().putIfAbsent(path, mine);
        if (found == null) {
            counters.valueMisses.incrementAndGet();
            return new Claim(path, mine, true);
        }
        counters.valueHits.incrementAndGet();
        return new Claim(path, found, false);
    }

    /** Completes an owned claim with {@code score}, or with {@code failure} (non-null) after dropping it from the map. */
    void settle(Claim claim, double score, Throwable failure) {
        if (failure == null) {
            claim.future().complete(score);
            return;
        }
        if (cache != null) {
            cache.asMap().remove(claim.path(), claim.future());
        }
        claim.future().completeExceptionally(failure);
    }
}
