package dev.banyan.prm;

import dev.banyan.engine.PassCounters;
import java.util.concurrent.atomic.AtomicLong;

/** Running totals, written by callers and the scoring loop, read by anyone through {@link #snapshot()}. */
final class PrmCounters extends PassCounters {
    final AtomicLong valueHits = new AtomicLong();
    final AtomicLong valueMisses = new AtomicLong();
    final AtomicLong evaluations = new AtomicLong();
    final AtomicLong stepTokens = new AtomicLong();
    final AtomicLong kvTokensReused = new AtomicLong();

    PrmStats snapshot() {
        return new PrmStats(valueHits.get(), valueMisses.get(), evaluations.get(), passTokens(),
                stepTokens.get(), kvTokensReused.get(), forwardPasses(), passRows());
    }
}
