package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the chains of greedy, self-consistency and best-of-N: each chain claims one simulation of the budget
 * and, once it ends, is one visit of the tree. A chain the budget cuts gives its simulation back and is no
 * answer, so the root's visits equal the simulations counted. Chain {@code k}'s seeds depend only on
 * {@code k} and the nodes it passes, so one thread is reproducible.
 */
final class ChainSampling {
    private ChainSampling() {
    }

    /**
     * The chains a {@code samples} setting asks for: itself when positive; with 0, as many as the budget pays for,
     * or {@link AlgorithmSpec#UNBUDGETED_SAMPLES} when neither tokens nor simulations are limited.
     */
    static int chains(SearchRun run, int samples) {
        if (samples > 0) {
            return samples;
        }
        boolean unbounded = run.budget.policyTokens() == Long.MAX_VALUE && run.budget.simulations() == Long.MAX_VALUE;
        return unbounded ? AlgorithmSpec.UNBUDGETED_SAMPLES : Integer.MAX_VALUE;
    }

    /** Runs up to {@code chains} chains on up to {@code threads} threads; returns the finished ones' ends by chain number. */
    static List<Node> run(SearchRun run, int chains, boolean greedy, Aggregation scoring, int threads,
                          ExecutorService pool) {
        if (run.tree.root().isTerminal()) {
            return List.of();
        }
        AtomicInteger nextChain = new AtomicInteger();
        ConcurrentSkipListMap<Integer, Node> finished = new ConcurrentSkipListMap<>();
        ParallelWorkers.run((int) Math.min(threads, (long) chains), pool, () -> {
            while (!run.shouldStop()) {
                int chain = nextChain.getAndIncrement();
                if (chain >= chains || !run.tryClaimSimulation()) {
                    return;
                }
                Node end = Chain.walk(run, chain, greedy, scoring);
                if (end == null) {
                    run.releaseSimulation();
                    return;
                }
                Visits.recordAt(end);
                finished.put(chain, end);
            }
        });
        return new ArrayList<>(finished.values());
    }
}
