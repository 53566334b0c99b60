package dev.banyan.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A loaded model, its duty cycle and the thread that runs it, with the lifecycle both engines share: callers
 * build and queue jobs while it is open; {@link #close} stops the thread, fails what is pending and releases
 * the model, once.
 *
 * @param <J> the loop's jobs
 */
public final class EngineLifecycle<J> implements AutoCloseable {
    private final DecoderModel model;
    private final BatchLoop<J> loop;
    private final InferenceThread thread;
    private final String closedMessage;
    /**
     * Read-held while a job is built (tokenized) and queued, write-held by {@link #close} to set {@link #closed}:
     * so close never frees the tokenizer under a running encode, and every job queued before it is failed or
     * finished by the loop's close, none lost.
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Goes from false to true once, under the write lock. */
    private boolean closed;

    /**
     * Starts {@code loop} on its own thread, named after the model directory, or leaves it to the caller.
     *
     * @param closedMessage what a request made after {@link #close} fails with
     */
    public EngineLifecycle(DecoderModel model, BatchLoop<J> loop, boolean ownThread, String closedMessage) {
        this.model = model;
        this.loop = loop;
        this.closedMessage = closedMessage;
        this.thread = ownThread ? InferenceThread.start(loop, model.files().directory()) : InferenceThread.callerDriven(loop);
    }

    /**
     * Builds a job on the caller's thread and queues it; returns {@code result} of the job, or a failed future
     * when the engine is closed or building the job threw.
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends J> job, Function<? super J, CompletableFuture<T>> result) {
        lock.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException(closedMessage));
            }
            J built = job.get();
            loop.submit(built);
            return result.apply(built);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stops the inference thread, fails requests still pending, releases the model; later calls do nothing. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        // No job is queued after this point, so the loop's close fails every pending one.
        thread.close();
        model.close();
    }
}
