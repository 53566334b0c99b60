package dev.banyan.cli;

import dev.banyan.search.tasks.Problem;
import dev.banyan.api.Banyan;
import dev.banyan.api.Solution;
import dev.banyan.search.DaemonThreads;

import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Searches a list of problems, {@code parallel} at a time, handing each solution to a sink on the thread that
 * found it (so results are written as they come). With one at a time they come in input order. A search that
 * fails, whatever it throws, goes to the failure handler when there is one and the rest go on; without one, the
 * first failure stops the rest and is thrown. A sink that throws always stops the run.
 */
final class ProblemRunner {
    private ProblemRunner() {
    }

    /** As {@link #run(Banyan, List, int, Progress, Consumer, BiConsumer)}, stopping at the first failed search. */
    static void run(Banyan banyan, List<Problem> problems, int parallel, Progress progress, Consumer<Solution> sink) {
        run(banyan, problems, parallel, progress, sink, null);
    }

    /**
     * @param failed takes each problem whose search threw, with what it threw, on the thread that searched it;
     *               null to stop the run at the first
     */
    static void run(Banyan banyan, List<Problem> problems, int parallel, Progress progress, Consumer<Solution> sink,
                    BiConsumer<Problem, Throwable> failed) {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, DaemonThreads.named("banyan-problem"));
        CompletionService<Solution> finished = new ExecutorCompletionService<>(pool);
        try {
            for (Problem problem : problems) {
                finished.submit(() -> {
                    Solution solution;
                    try {
                        solution = banyan.search(problem.id(), problem.question(), problem.answer());
                    } catch (Throwable e) { // an Error too: it ends this problem, not the run
                        if (failed == null) {
                            throw new ProblemFailure(problem.id(), e);
                        }
                        failed.accept(problem, e);
                        return null;
                    }
                    sink.accept(solution);
                    return solution;
                });
            }
            for (int i = 0; i < problems.size(); i++) {
                Solution solution = finished.take().get();
                progress.done(solution == null ? null : solution.solved());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    /** Waits for running searches to stop, so that none writes after the caller closes its files. */
    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
