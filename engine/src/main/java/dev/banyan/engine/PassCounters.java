package dev.banyan.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The forward-pass totals every engine keeps, written by its {@link ForwardPassLoop}, read by anyone. Each
 * engine's counters extend it with their own.
 */
public class PassCounters {
    private final AtomicLong forwardPasses = new AtomicLong();
    private final AtomicLong passRows = new AtomicLong();
    private final AtomicLong passTokens = new AtomicLong();

    /** Counts a pass of {@code rows} rows and {@code tokens} real tokens; returns its number, from 1. */
    final long countPass(int rows, int tokens) {
        long number = forwardPasses.incrementAndGet();
        passRows.addAndGet(rows);
        passTokens.addAndGet(tokens);
        return number;
    }

    /** Forward passes run. */
    public final long forwardPasses() {
        return forwardPasses.get();
    }

    /** Rows over all passes. */
    public final long passRows() {
        return passRows.get();
    }

    /** Real (unpadded) tokens over all passes. */
    public final long passTokens() {
        return passTokens.get();
    }
}
