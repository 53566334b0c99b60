package dev.banyan.search.math;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A budget of time after which parsing and evaluation give up, checked at every step of the work.
 *
 * <p>It counts the CPU time of the thread that made it, not the wall clock, where the JVM can measure it:
 * on a machine shared with other builds, or across a garbage-collection pause, a wall-clock deadline would
 * expire on answers that take microseconds and make their keys depend on timing. The clock is read every
 * {@link #STRIDE} checks; between reads the work is bounded by the size caps on numbers.
 */
final class Deadline {

    /** Thrown by {@link #check()} once the budget is spent. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("deadline passed", null, false, false);
        }
    }

    private static final int STRIDE = 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = cpuTimeAvailable();

    private final long endNanos;
    private int checks;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    /** A budget of the given number of milliseconds of this thread's CPU time, from now. */
    static Deadline inMillis(long millis) {
        return new Deadline(now() + millis * 1_000_000L);
    }

    /** Throws {@link Expired} when the budget is spent. */
    void check() {
        if (++checks % STRIDE == 0 && now() - endNanos > 0) {
            throw new Expired();
        }
    }

    private static long now() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static boolean cpuTimeAvailable() {
        try {
            return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
                    && THREADS.getCurrentThreadCpuTime() >= 0;
        } catch (RuntimeException | Error unavailable) {
            return false;
        }
    }
}
