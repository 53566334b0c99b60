package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec.Aggregation;

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

    /** Runs up to {@code chains} chains on up to {@code threads} threads; returns the finished ones' ends by chain number. */
    static List<Node> run(SearchRun run, int chains, boolean greedy, Aggregation scoring, int threads,
                          ExecutorService pool) {
        if (run.tree.root().isTerminal()) {
            return List.of();
        }
        AtomicInteger nextChain = new AtomicInteger();
        ConcurrentSkipListMap<Integer, Node> finished = new ConcurrentSkipListMap<>();
        ParallelWorkers.run(Math.min(threads, chains), pool, () -> {
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
