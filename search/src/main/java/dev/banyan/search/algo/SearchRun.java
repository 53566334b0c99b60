package dev.banyan.search.algo;

import dev.banyan.search.Budget;
import dev.banyan.search.OutcomeScorer;
import dev.banyan.search.Policy;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchStats;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything one search of one question shares between its threads: the models, the tree, the budget and
 * what has been spent of it.
 */
final class SearchRun {
    final Task task;
    final Policy policy;
    final StepScorer scorer;
    /** May be null: only η-MCTS uses it. */
    final OutcomeScorer outcomeScorer;
    final Budget budget;
    final long seed;
    final int maxStepTokens;
    final Tree tree;

    private final long startNanos = System.nanoTime();
    private final LongAdder policyTokens = new LongAdder();
    /**
     * Policy tokens reserved by calls in flight: each call reserves its most ({@code count × maxStepTokens})
     * before it starts and gives the reservation back when it is charged. Never negative.
     */
    private final AtomicLong reservedTokens = new AtomicLong();
    /** How long a call refused a reservation sleeps before it looks again: far below any model call. */
    private static final long RESERVATION_WAIT_NANOS = 50_000;
    private final LongAdder prmTokens = new LongAdder();
    /** The least grace a model call gets past the time limit. */
    private static final long MIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Simulations started and not abandoned; claimed by CAS so the count never passes the budget. */
    private final AtomicLong simulations = new AtomicLong();
    /** Goes from false to true once (early stop); never back. */
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    /** Goes from false to true once, when a search found nothing left to grow; never back. */
    private final AtomicBoolean exhausted = new AtomicBoolean();

    /**
     * Expansion rounds some thread waits for, by node: a waiter adds its node, the round's owner removes it and
     * completes the future once the round has ended. Empty while no descent has collided with an expansion.
     */
    private final ConcurrentHashMap<Node, CompletableFuture<Void>> awaitedRounds = new ConcurrentHashMap<>();
    /** The longest a collided descent waits before it looks again; a bound, not a poll: the owner wakes it. */
    private static final long ROUND_WAIT_MILLIS = 20;

    SearchRun(Task task, Policy policy, StepScorer scorer, OutcomeScorer outcomeScorer, Budget budget, long seed,
              int maxStepTokens, String question) {
        this.task = task;
        this.policy = policy;
        this.scorer = scorer;
        this.outcomeScorer = outcomeScorer;
        this.budget = budget;
        this.seed = seed;
        this.maxStepTokens = maxStepTokens;
        ReasoningPath start = ReasoningPath.of(question);
        this.tree = new Tree(start, task.isTerminal(start));
    }

    /** True once any limit of the budget is reached or an early stop was requested. */
    boolean shouldStop() {
        return shouldCut() || simulations.get() >= budget.simulations();
    }

    /**
     * True once the token or time limit is reached or an early stop was requested: what ends a simulation
     * already claimed before its next policy call (the simulation limit cannot, since the claim counted it).
     */
    boolean shouldCut() {
        return stopRequested.get()
                || policyTokens.sum() >= budget.policyTokens()
                || System.nanoTime() - startNanos >= budget.wallTime().toNanos();
    }

    /**
     * Waits for a model's answer at most until the time limit plus a grace of a tenth of it (at least a second),
     * so that a call started just before the limit may finish but a model that never answers cannot block the
     * search. The answer, as {@link CompletableFuture#join()} gives it; past the deadline the call is cancelled
     * (an engine then drops its work) and the search fails with a {@link TimeoutException} saying what did not
     * answer.
     *
     * @param what the model waited on, for the message ({@code "the policy"})
     */
    <T> T await(CompletableFuture<T> answer, String what) {
        if (answer.isDone()) {
            return answer.join();
        }
        long limit = budget.wallTime().toNanos();
        long grace = Math.max(MIN_GRACE_NANOS, limit / 10);
        long left = limit + grace - (System.nanoTime() - startNanos);
        try {
            return answer.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            TimeoutException timeout = new TimeoutException(what + " gave no answer within the search's time limit ("
                    + budget.wallTime() + ") plus its grace (" + Duration.ofNanos(grace) + ")");
            throw new CompletionException(timeout.getMessage(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new CancellationException("interrupted while waiting for " + what);
        }
    }

    void requestStop() {
        stopRequested.set(true);
    }

    /** Stops the search because it has nothing left to grow (not a confident answer: stats say DONE). */
    void stopExhausted() {
        exhausted.set(true);
        stopRequested.set(true);
    }

    void chargePolicyTokens(long tokens) {
        policyTokens.add(tokens);
    }

    /**
     * Reserves the most a policy call may spend, so that threads cannot all pass the budget check together and
     * overshoot it many times over. A call is admitted at once when no other is in flight (so one thread
     * behaves as if there were no reservations), or when the tokens spent plus those reserved stay under the
     * budget; otherwise it waits for the calls in flight to be charged, as they may leave budget to spend. The
     * budget is thus overshot by at most one call's reservation, whatever the thread count. The wait ends with
     * the search's time limit or a stop.
     *
     * @return false when the call must not start: the budget is spent, the time is up, or the search stopped
     */
    boolean reservePolicyTokens(long tokens) {
        while (true) {
            long seen = reservedTokens.get();
            if (seen == 0 || policyTokens.sum() + seen < budget.policyTokens()) {
                if (reservedTokens.compareAndSet(seen, seen + tokens)) {
                    return true;
                }
            } else if (shouldCut()) {
                return false;
            } else {
                LockSupport.parkNanos(RESERVATION_WAIT_NANOS);
            }
        }
    }

    /**
     * Reserves at once or not at all, for a thread that already holds reservations for calls it has yet to wait
     * for (waiting here for those would wait for itself): admitted under the same rule as
     * {@link #reservePolicyTokens}.
     */
    boolean tryReservePolicyTokens(long tokens) {
        while (true) {
            long seen = reservedTokens.get();
            if (seen != 0 && policyTokens.sum() + seen >= budget.policyTokens()) {
                return false;
            }
            if (reservedTokens.compareAndSet(seen, seen + tokens)) {
                return true;
            }
        }
    }

    /**
     * Waits until the expansion round in progress on {@code node}, which the caller saw in the odd state
     * {@code oddState}, has ended: a descent that lands on a node being expanded waits for it instead of spinning.
     * Returns early on a stop, and after a short bound in any case (the caller looks again).
     */
    void awaitRound(Node node, int oddState) {
        if ((oddState & 1) == 0) {
            return; // no round was in progress: nothing will end it
        }
        CompletableFuture<Void> ended = awaitedRounds.computeIfAbsent(node, n -> new CompletableFuture<>());
        VarHandle.fullFence(); // the owner writes the state, then reads the map; this side, the reverse
        if (node.stateAcquire() != oddState || shouldCut()) {
            awaitedRounds.remove(node, ended);
            return;
        }
        try {
            ended.get(ROUND_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // look again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes the threads waiting for a round on {@code node}; its owner calls this after ending the round. */
    void roundEnded(Node node) {
        VarHandle.fullFence();
        CompletableFuture<Void> ended = awaitedRounds.remove(node);
        if (ended != null) {
            ended.complete(null);
        }
    }

    /** Gives back a reservation once its call is charged. */
    void releasePolicyTokens(long tokens) {
        reservedTokens.addAndGet(-tokens);
    }

    void chargePrmTokens(long tokens) {
        prmTokens.add(tokens);
    }

    /** Claims one simulation of the budget; false when none is left. */
    boolean tryClaimSimulation() {
        long seen;
        do {
            seen = simulations.get();
            if (seen >= budget.simulations()) {
                return false;
            }
        } while (!simulations.compareAndSet(seen, seen + 1));
        return true;
    }

    /** Gives back a claimed simulation that made no visit. */
    void releaseSimulation() {
        simulations.decrementAndGet();
    }

    long policyTokensSpent() {
        return policyTokens.sum();
    }

    long simulationsRun() {
        return simulations.get();
    }

    SearchStats stats() {
        long nanos = System.nanoTime() - startNanos;
        long tokens = policyTokens.sum();
        SearchStats.Stop stop;
        if (tokens >= budget.policyTokens()) {
            stop = SearchStats.Stop.TOKENS;
        } else if (simulations.get() >= budget.simulations()) {
            stop = SearchStats.Stop.SIMULATIONS;
        } else if (nanos >= budget.wallTime().toNanos()) {
            stop = SearchStats.Stop.TIME;
        } else if (stopRequested.get() && !exhausted.get()) {
            stop = SearchStats.Stop.ANSWER;
        } else {
            stop = SearchStats.Stop.DONE;
        }
        return new SearchStats(tokens, prmTokens.sum(), simulations.get(), tree.size(), nanos / 1_000_000, stop,
                Math.max(0, tokens - budget.policyTokens()));
    }

    /** A request seed that depends only on the run's seed and where in the tree it is asked from. */
    long seedFor(Node node, int round, int salt) {
        long h = seed * 0x9E3779B97F4A7C15L + node.id();
        h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L + round;
        h = (h ^ (h >>> 32)) * 0x94D049BB133111EBL + salt;
        return h ^ (h >>> 31);
    }
}
