package dev.banyan.search.math;

/** A point in time after which parsing and evaluation give up; checked at every step of the work. */
final class Deadline {

    /** Thrown by {@link #check()} once the deadline has passed. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("deadline passed", null, false, false);
        }
    }

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    /** A deadline the given number of milliseconds from now. */
    static Deadline inMillis(long millis) {
        return new Deadline(System.nanoTime() + millis * 1_000_000L);
    }

    /** Throws {@link Expired} when the deadline has passed. */
    void check() {
        if (System.nanoTime() - endNanos > 0) {
            throw new Expired();
        }
    }
}
