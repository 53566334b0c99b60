package dev.banyan.prm;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.banyan.search.ReasoningPath;
import java.util.concurrent.CompletableFuture;

/**
 * Step scores by exact path (question and every step), bounded in entries. The map holds futures, so a request
 * for a path whose evaluation is still running shares it instead of starting another; a failed evaluation
 * leaves the map (Caffeine drops failed futures), so a later request tries again. Thread-safe.
 */
final class ValueCache {
    /** Null when caching is off: every request claims its own evaluation. */
    private final AsyncCache<ReasoningPath, Double> cache;
    private final PrmCounters counters;

    /** @param maxEntries the most paths kept; 0 turns the cache off */
    ValueCache(long maxEntries, PrmCounters counters) {
        this.cache = maxEntries == 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).buildAsync();
        this.counters = counters;
    }

    /**
     * The score of {@code path}'s newest step: the cached or in-flight future ({@code owned} false), or a new,
     * incomplete one now in the map ({@code owned} true) that the caller must complete.
     */
    record Claim(CompletableFuture<Double> future, boolean owned) {
    }

    Claim claim(ReasoningPath path) {
        CompletableFuture<Double> mine = new CompletableFuture<>();
        if (cache == null) {
            counters.valueMisses.incrementAndGet();
            return new Claim(mine, true);
        }
        CompletableFuture<Double> found = cache.asMap().putIfAbsent(path, mine);
        if (found == null) {
            counters.valueMisses.incrementAndGet();
            return new Claim(mine, true);
        }
        counters.valueHits.incrementAndGet();
        return new Claim(found, false);
    }

    /** Paths held now (an estimate, as Caffeine's). */
    long size() {
        return cache == null ? 0 : cache.synchronous().estimatedSize();
    }
}
