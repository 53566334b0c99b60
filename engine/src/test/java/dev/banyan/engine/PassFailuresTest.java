package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A pass that throws, whatever it throws, fails exactly the jobs in it with that cause, and the inference thread
 * goes on with the next ones. Before, an {@link Error} escaped the duty cycle: its jobs never completed and their
 * callers waited forever.
 */
class PassFailuresTest {
    /** A job: what its pass does (answer, or throw). */
    record Step(Supplier<String> outcome, CompletableFuture<String> future) {
        Step(Supplier<String> outcome) {
            this(outcome, new CompletableFuture<>());
        }
    }

    /** Runs every admitted job in one pass. */
    static final class ScriptedLoop extends BatchLoop<Step> {
        final List<Step> rows = new ArrayList<>();

        ScriptedLoop() {
            super("test-loop", "closed");
        }

        @Override
        public int activeRows() {
            return rows.size();
        }

        @Override
        protected void admit(Step job) {
            rows.add(job);
        }

        @Override
        protected int runPass() {
            for (Step row : rows) {
                row.future.complete(row.outcome.get());
            }
            int ran = rows.size();
            rows.clear();
            return ran;
        }

        @Override
        protected void failQueued(Step job, Throwable cause) {
            job.future.completeExceptionally(cause);
        }

        @Override
        protected void closeRows(CancellationException closed) {
            failRows(closed);
        }

        @Override
        protected void failRows(Throwable cause) {
            rows.forEach(row -> row.future.completeExceptionally(cause));
            rows.clear();
        }
    }

    @Test
    void an_error_in_a_pass_fails_its_jobs_and_the_thread_goes_on() throws Exception {
        ScriptedLoop loop = new ScriptedLoop();
        try (InferenceThread thread = InferenceThread.start(loop, Path.of("scripted"))) {
            Step failing = new Step(() -> {
                throw new OutOfMemoryError("simulated: the pass ran out of memory");
            });
            loop.submit(failing);
            assertThat(failureOf(failing)).isInstanceOf(OutOfMemoryError.class)
                    .hasMessageContaining("ran out of memory");

            Step throwing = new Step(() -> {
                throw new IllegalStateException("simulated: the session failed");
            });
            loop.submit(throwing);
            assertThat(failureOf(throwing)).hasMessageContaining("session failed");

            Step fine = new Step(() -> "ok");
            loop.submit(fine);
            assertThat(fine.future.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    @Test
    void closing_fails_every_job_still_queued() {
        ScriptedLoop loop = new ScriptedLoop();
        InferenceThread thread = InferenceThread.callerDriven(loop);
        Step queued = new Step(() -> "never run");
        loop.submit(queued);
        thread.close();
        assertThat(queued.future).isCompletedExceptionally();
    }

    private static Throwable failureOf(Step step) throws Exception {
        try {
            step.future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the job did not fail");
    }
}
