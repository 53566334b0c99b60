package dev.banyan.engine;

import java.util.concurrent.CancellationException;
import org.agrona.concurrent.Agent;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * The shape of a model's inference-thread duty cycle, shared by the policy's decoding and the reward model's
 * scoring: jobs arrive from any thread through a lock-free queue; each {@link #doWork()} admits what is queued,
 * then runs at most one forward pass over the rows in flight. Everything but {@link #submit} runs on the one
 * inference thread (or a test's), so subclasses keep their rows in plain collections.
 *
 * <p>Failures. Nothing a cycle throws escapes it: a job that cannot be admitted fails alone, and anything thrown
 * by a pass (an {@link Error} included) fails exactly the jobs in flight, with that cause, and the loop goes on
 * with the next job. No job is ever left without an outcome, so no caller waits on one forever.
 *
 * @param <J> the jobs callers submit
 */
public abstract class BatchLoop<J> implements Agent {
    private static final int ADMIT_PER_CYCLE = 1024;

    private final String roleName;
    private final String closedMessage;
    private final MessagePassingQueue<J> inbox = new MpscUnboundedXaddArrayQueue<>(256);

    /**
     * @param roleName the inference thread's name, before the model directory's
     * @param closedMessage what a job still pending when the loop closes fails with
     */
    protected BatchLoop(String roleName, String closedMessage) {
        this.roleName = roleName;
        this.closedMessage = closedMessage;
    }

    /** Queues a job; safe from any thread. */
    public final void submit(J job) {
        inbox.offer(job);
    }

    @Override
    public final String roleName() {
        return roleName;
    }

    @Override
    public final int doWork() {
        int work = inbox.drain(this::admitSafely, ADMIT_PER_CYCLE);
        if (activeRows() > 0) {
            try {
                work += runPass();
            } catch (Throwable failure) {
                // A pass that throws past its own handling (an Error, a bug) fails every job in flight, so none
                // is left incomplete and no caller blocks on it; the loop itself goes on.
                work += Math.max(1, activeRows());
                failRows(failure);
            }
        }
        return work;
    }

    private void admitSafely(J job) {
        try {
            admit(job);
        } catch (Throwable failure) {
            failQueued(job, failure);
        }
    }

    /** Fails every job queued or in flight, then releases the loop's resources. */
    @Override
    public final void onClose() {
        CancellationException closed = new CancellationException(closedMessage);
        inbox.drain(job -> failQueued(job, closed));
        closeRows(closed);
    }

    /** Rows waiting or running. */
    public abstract int activeRows();

    /** Takes a job off the queue: turns it into rows, or fails it. */
    protected abstract void admit(J job);

    /** Runs one forward pass over the oldest rows; returns the work done (tokens fed). */
    protected abstract int runPass();

    /** Fails a job that never left the queue. */
    protected abstract void failQueued(J job, Throwable cause);

    /** Fails the jobs of every row in flight, forgets them, and releases the forward pass. */
    protected abstract void closeRows(CancellationException closed);

    /** Fails the jobs of every row in flight with {@code cause} and forgets them; the forward pass stays usable. */
    protected abstract void failRows(Throwable cause);
}
