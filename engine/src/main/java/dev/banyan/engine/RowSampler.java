package dev.banyan.engine;

import dev.banyan.search.DaemonThreads;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Picks the next tokens of a pass's rows on several threads: the inference thread and {@code threads - 1}
 * helpers, each with its own {@link Sampler} (a sampler's scratch arrays are its own).
 *
 * <p>Why. After each pass the policy samples every row that completes from the full softmax of its logits: one
 * exponential per vocabulary entry. With Qwen's 151,669-token vocabulary and 32 rows that is about 50 ms a step
 * on one thread against about 11 ms of ONNX Runtime ({@code bench/README.md}, "Engine"). The picks are
 * independent: each proposal draws from its own seeded generator and each generator serves one pick per pass, so
 * which thread picks a row, and when, changes nothing; the picks are bit for bit those the inference thread makes
 * alone. Only the picking moves: the loop applies them in row order on its own thread, as before.
 *
 * <p>When. Handing picks to other threads costs a wake-up or two (tens of microseconds), so the loop asks
 * {@link #pays} first: only a pass that samples at least {@link #PARALLEL_LOGITS} logits in all goes parallel.
 * The demo models' vocabularies of a few hundred tokens never do, and keep the plain sequential path.
 *
 * <p>Waiting. Picks are claimed one at a time from a shared counter, by the inference thread as well as the
 * helpers, so a helper that starts late finds nothing left, and the inference thread only ever waits for picks a
 * helper has claimed: pure CPU work of a few milliseconds. The wait still has a deadline: past it, every pick of
 * the {@link Round} fails with a message saying so (failing those rows' jobs, not the loop), and what a late
 * helper writes goes into a round nobody reads again. After {@link #close} the inference thread picks alone.
 */
final class RowSampler implements AutoCloseable {
    /** Logits sampled in one pass (picks × vocabulary) from which the picks are shared out among threads. */
    static final long PARALLEL_LOGITS = 1L << 20;
    /** How long the inference thread waits for the helpers' picks of one pass. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final int threads;
    private final long parallelLogits;
    private final long deadlineNanos;
    /** The inference thread's sampler. */
    private final Sampler own;
    /** Each helper thread's sampler, made on its first pick. */
    private final ThreadLocal<Sampler> helperSampler;
    /** {@code threads - 1} daemon threads, started on first use; null when {@code threads} is 1. */
    private final ThreadPoolExecutor helpers;

    /**
     * @param samplers makes a sampler with the engine's settings, one per thread
     * @param threads the inference thread and the helpers; 1 keeps all sampling on the inference thread
     * @param parallelLogits see {@link #PARALLEL_LOGITS}
     * @param name the helper threads' names start with {@code banyan-sampler-name-}
     */
    RowSampler(Supplier<Sampler> samplers, int threads, long parallelLogits, Duration deadline, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("sampling threads must be positive, was " + threads);
        }
        this.threads = threads;
        this.parallelLogits = parallelLogits;
        this.deadlineNanos = deadline.toNanos();
        this.own = samplers.get();
        this.helperSampler = ThreadLocal.withInitial(samplers);
        if (threads == 1) {
            this.helpers = null;
        } else {
            this.helpers = new ThreadPoolExecutor(threads - 1, threads - 1, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), DaemonThreads.named("banyan-sampler-" + name));
        }
    }

    /** The inference thread's sampler, for the picks it makes alone (a pass that does not {@link #pays pay}). */
    Sampler inferenceThreadSampler() {
        return own;
    }

    /** Whether {@code picks} picks over {@code logits} logits in all are worth sharing out. */
    boolean pays(int picks, long logits) {
        return helpers != null && picks > 1 && logits >= parallelLogits;
    }

    /** Whether this sampler ever shares picks out (more than one thread). */
    boolean parallel() {
        return helpers != null;
    }

    /** An empty round of at most {@code capacity} picks. */
    Round round(int capacity) {
        return new Round(capacity);
    }

    /** Makes every pick of {@code round}, with the helpers; returns when all are made or the deadline passed. */
    void pick(Round round) {
        round.done = new CountDownLatch(round.size);
        int wanted = Math.min(threads - 1, round.size - 1);
        for (int h = 0; h < wanted; h++) {
            try {
                helpers.execute(() -> round.work(null, helperSampler));
            } catch (RejectedExecutionException closed) {
                break; // the engine is closing: the inference thread picks alone
            }
        }
        round.work(own, null);
        try {
            if (!round.done.await(deadlineNanos, TimeUnit.NANOSECONDS)) {
                round.late = new IllegalStateException("sampling " + round.size + " tokens on " + threads
                        + " threads took longer than " + Duration.ofNanos(deadlineNanos) + "; " + round.done.getCount()
                        + " picks were still being made");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            round.late = new IllegalStateException("interrupted while waiting for " + round.done.getCount() + " of "
                    + round.size + " sampled tokens", e);
        }
    }

    /** Stops the helpers (a pick under way finishes; nothing waits for it). */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }

    /**
     * One pass's picks: added on the inference thread, made by {@link #pick}, then read back on the inference
     * thread. The latch orders the helpers' writes before those reads.
     */
    static final class Round {
        private final float[][] logits;
        private final boolean[] greedy;
        private final SplittableRandom[] random;
        private final int[] token;
        private final double[] logProb;
        private final Throwable[] failure;
        /** The next pick to claim; a claim at or past {@code size} finds nothing. */
        private final AtomicInteger next = new AtomicInteger();
        private int size;
        /** Set before the round is handed to the helpers. */
        private CountDownLatch done;
        /** Set, on the inference thread, when the deadline passed: every pick fails with it. */
        private RuntimeException late;

        private Round(int capacity) {
            logits = new float[capacity][];
            greedy = new boolean[capacity];
            random = new SplittableRandom[capacity];
            token = new int[capacity];
            logProb = new double[capacity];
            failure = new Throwable[capacity];
        }

        /** Adds a pick from {@code logits} with {@code random}; returns its index. */
        int add(float[] logits, boolean greedy, SplittableRandom random) {
            int at = size++;
            this.logits[at] = logits;
            this.greedy[at] = greedy;
            this.random[at] = random;
            return at;
        }

        /** Picks added so far. */
        int size() {
            return size;
        }

        /** The generator pick {@code at} drew from (advanced past its draw once picked). */
        SplittableRandom random(int at) {
            return random[at];
        }

        /** Pick {@code at}'s token; throws what its sampler threw (bad logits) or the missed deadline. */
        int token(int at) {
            if (late != null) {
                throw late;
            }
            Throwable thrown = failure[at];
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
            if (thrown != null) {
                throw new IllegalStateException(thrown);
            }
            return token[at];
        }

        /** Pick {@code at}'s raw log-probability (after {@link #token}). */
        double logProb(int at) {
            return logProb[at];
        }

        /** Claims and makes picks until none is left, with {@code sampler}, else this thread's of {@code perThread}. */
        private void work(Sampler sampler, ThreadLocal<Sampler> perThread) {
            for (int at = next.getAndIncrement(); at < size; at = next.getAndIncrement()) {
                try {
                    if (sampler == null) {
                        sampler = perThread.get();
                    }
                    token[at] = sampler.pick(logits[at], greedy[at], random[at]);
                    logProb[at] = sampler.lastLogProb();
                } catch (Throwable e) { // an Error too: it fails this pick's job, as on the inference thread
                    failure[at] = e;
                } finally {
                    done.countDown();
                }
            }
        }
    }
}
