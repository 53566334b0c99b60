package dev.banyan.prm;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.banyan.search.ReasoningPath;
import java.util.concurrent.CompletableFuture;

/**
 * Step scores by exact path (question and every step), bounded in entries: a Caffeine {@link AsyncCache}, so a
 * request for a path whose evaluation is still running shares it instead of starting another, and a failed
 * evaluation leaves the cache, so a later request tries again. Thread-safe.
 *
 * <p>The cache holds each evaluation's {@link Entry}, which completes with the score, or with {@code null} when
 * the evaluation failed; requests get its {@link Entry#result}, which fails with the evaluation's cause. Caffeine
 * drops a future that fails as it drops one that completes with {@code null}, but logs the failed one, with its
 * stack trace, as a failed load: a failed evaluation is reported to the search that asked, not logged.
 */
final class ValueCache {
    /** Null when caching is off: every request claims its own evaluation. */
    private final AsyncCache<ReasoningPath, Double> cache;
    private final PrmCounters counters;

    /** @param maxEntries the most paths kept; 0 turns the cache off */
    ValueCache(long maxEntries, PrmCounters counters) {
        this.cache = maxEntries == 0 ? null
                : Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).buildAsync();
        this.counters = counters;
    }

    /** One evaluation as the cache holds it: the score, or {@code null} once it failed. */
    static final class Entry extends CompletableFuture<Double> {
        /** What requests for the path get: the score, or the evaluation's failure. */
        final CompletableFuture<Double> result = new CompletableFuture<>();
    }

    /**
     * The score of {@code path}'s newest step: the cached or in-flight evaluation ({@code owned} false), or a new,
     * incomplete one now in the cache ({@code owned} true), which the caller must {@link #settle}.
     */
    record Claim(ReasoningPath path, Entry entry, boolean owned) {
        /** The score, or the failure of the evaluation that was to give it. */
        CompletableFuture<Double> future() {
            return entry.result;
        }
    }

    Claim claim(ReasoningPath path) {
        Entry mine = new Entry();
        Entry found = cache == null ? mine : (Entry) cache.get(path, (key, executor) -> mine);
        if (found == mine) {
            counters.valueMisses.incrementAndGet();
            return new Claim(path, mine, true);
        }
        counters.valueHits.incrementAndGet();
        return new Claim(path, found, false);
    }

    /** Completes an owned claim with {@code score}, or with {@code failure} (non-null) after dropping it from the cache. */
    void settle(Claim claim, double score, Throwable failure) {
        Entry entry = claim.entry();
        if (failure == null) {
            entry.complete(score);
            entry.result.complete(score);
            return;
        }
        if (cache != null) {
            // Out before anyone hears of the failure, so a request made from a callback of it starts anew.
            cache.asMap().remove(claim.path(), entry);
        }
        entry.complete(null);
        entry.result.completeExceptionally(failure);
    }
}
