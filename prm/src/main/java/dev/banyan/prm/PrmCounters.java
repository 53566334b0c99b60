package dev.banyan.prm;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals, written by callers and the scoring loop, read by anyone through {@link #snapshot()}. */
final class PrmCounters {
    final AtomicLong valueHits = new AtomicLong();
    final AtomicLong valueMisses = new AtomicLong();
    final AtomicLong evaluations = new AtomicLong();
    final AtomicLong tokensProcessed = new AtomicLong();
    final AtomicLong stepTokens = new AtomicLong();
    final AtomicLong kvTokensReused = new AtomicLong();
    final AtomicLong forwardPasses = new AtomicLong();
    final AtomicLong passRows = new AtomicLong();

    PrmStats snapshot() {
        return new PrmStats(valueHits.get(), valueMisses.get(), evaluations.get(), tokensProcessed.get(),
                stepTokens.get(), kvTokensReused.get(), forwardPasses.get(), passRows.get());
    }
}
