package dev.banyan.search.algo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/** Runs the same work on {@code threads} threads, the caller's among them, and waits for all. */
final class ParallelWorkers {
    private ParallelWorkers() {
    }

    /**
     * Applies {@code work} to every item, on up to {@code threads} threads that take the next item as they free
     * up; entry {@code i} of the result is item {@code i}'s (nulls kept).
     */
    static <T, R> List<R> map(int threads, ExecutorService pool, List<T> items, Function<? super T, ? extends R> work) {
        AtomicReferenceArray<R> results = new AtomicReferenceArray<>(items.size());
        AtomicInteger next = new AtomicInteger();
        run(Math.min(threads, items.size()), pool, () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                results.set(i, work.apply(items.get(i)));
            }
        });
        @SuppressWarnings("unchecked")
        R[] all = (R[]) new Object[items.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = results.get(i);
        }
        return Arrays.asList(all);
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
