package dev.banyan.search.algo;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a policy and a PRM so that each answers after a random delay (0 to {@code maxDelayMillis}), completed on a
 * scheduler thread rather than the caller's: the latency a batched model server adds, in miniature.
 */
final class LateModels implements AutoCloseable {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "late-models");
        thread.setDaemon(true);
        return thread;
    });
    private final SplittableRandom random;
    private final int maxDelayMillis;

    LateModels(long seed, int maxDelayMillis) {
        this.random = new SplittableRandom(seed);
        this.maxDelayMillis = maxDelayMillis;
    }

    Policy policy(Policy inner) {
        return request -> late(inner.propose(request));
    }

    StepScorer scorer(StepScorer inner) {
        return paths -> late(inner.score(paths));
    }

    private <T> CompletableFuture<T> late(CompletableFuture<T> answer) {
        CompletableFuture<T> out = new CompletableFuture<>();
        long delay;
        synchronized (random) {
            delay = random.nextInt(maxDelayMillis + 1);
        }
        scheduler.schedule(() -> answer.whenComplete((value, failure) -> {
            if (failure != null) {
                out.completeExceptionally(failure);
            } else {
                out.complete(value);
            }
        }), delay, TimeUnit.MILLISECONDS);
        return out;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
