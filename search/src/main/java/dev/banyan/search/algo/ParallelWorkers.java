package dev.banyan.search.algo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/** Runs the same work on {@code threads} threads, the caller's among them, and waits for all. */
final class ParallelWorkers {
    private ParallelWorkers() {
    }

    static void run(int threads, ExecutorService pool, Runnable work) {
        List<CompletableFuture<Void>> others = new ArrayList<>(threads - 1);
        for (int i = 1; i < threads; i++) {
            others.add(CompletableFuture.runAsync(work, pool));
        }
        RuntimeException failure = null;
        try {
            work.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (CompletableFuture<Void> other : others) {
            try {
                other.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
