package dev.banyan.engine;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals, written by the inference thread, read by anyone through {@link #snapshot()}. */
final class EngineCounters extends PassCounters {
    final AtomicLong tokensGenerated = new AtomicLong();
    final AtomicLong prefixTokensReused = new AtomicLong();
    final AtomicLong prefixTokensRecomputed = new AtomicLong();
    final AtomicLong prefixTokensFirstRun = new AtomicLong();
    final AtomicLong cacheLookups = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong cacheBytes = new AtomicLong();
    final AtomicLong cacheEntries = new AtomicLong();
    final AtomicLong cacheEvictions = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong contextsFromTokenIds = new AtomicLong();
    final AtomicLong contextsRetokenized = new AtomicLong();

    PolicyStats snapshot() {
        return new PolicyStats(requests.get(), tokensGenerated.get(), prefixTokensReused.get(),
                prefixTokensRecomputed.get(), prefixTokensFirstRun.get(), cacheLookups.get(), cacheHits.get(), cacheBytes.get(),
                cacheEntries.get(), cacheEvictions.get(), forwardPasses(), passRows(), passTokens(),
                contextsFromTokenIds.get(), contextsRetokenized.get());
    }
}
