package dev.banyan.engine;

import dev.banyan.search.ModelUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;

/**
 * A {@link BatchLoop} whose jobs become rows of one model's {@link ForwardPass}: the pass skeleton the policy's
 * decoding and the reward model's scoring share. Each pass takes the oldest rows, feeds each a chunk, runs,
 * counts itself, and hands every row its output; a pass that fails fails its rows' jobs, with the graph named.
 * Subclasses say how rows are admitted, chunked and followed up.
 *
 * @param <J> the jobs callers submit
 * @param <R> the rows of the batch
 */
public abstract class ForwardPassLoop<J extends ForwardPassLoop.Request<?>, R extends ForwardPassLoop.Row>
        extends BatchLoop<J> {
    protected final DecoderModel model;
    protected final ForwardPass pass;
    /** Rows in admission order; the oldest run first. */
    protected final List<R> active = new ArrayList<>();
    protected final int maxSequences;
    protected final int maxPassTokens;
    private final PassCounters counters;
    /** The rows of the pass under way, {@code active}'s first ones, and the tokens each is fed. */
    private final List<R> running = new ArrayList<>();
    private int[] chunks = new int[16];

    /**
     * A row of the batch: {@code input()[offset(), offset() + pending())} still to feed after the keys and values
     * in {@code kv()}.
     */
    public interface Row {
        SequenceKv kv();

        long[] input();

        int offset();

        int pending();

        /** The request the row serves. */
        Request<?> job();
    }

    /**
     * A caller's request, served by one row or more: made on the caller's thread, then touched by the loop's
     * thread only, until its future completes.
     *
     * @param <T> what the caller gets
     */
    public abstract static class Request<T> {
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private final ModelUsage usage;

        /** @param usage where the request's costs are added, or {@code null} */
        protected Request(ModelUsage usage) {
            this.usage = usage;
        }

        /** What the caller gets. */
        public final CompletableFuture<T> future() {
            return future;
        }

        /** Whether it is over (finished or failed): its rows have nothing left to do. */
        public final boolean isDone() {
            return future.isDone();
        }

        /** Where its costs are added, or {@code null}. */
        public final ModelUsage usage() {
            return usage;
        }

        public final void fail(Throwable cause) {
            future.completeExceptionally(cause);
        }
    }

    /**
     * @param roleName the inference thread's name, before the model directory's
     * @param closedMessage what a job still pending when the loop closes fails with
     * @param maxSequences most rows in one pass
     * @param maxPassTokens most tokens (rows × width) in one pass
     */
    protected ForwardPassLoop(String roleName, String closedMessage, DecoderModel model, PassCounters counters,
                              int maxSequences, int maxPassTokens) {
        super(roleName, closedMessage);
        this.model = model;
        this.pass = model.newPass();
        this.counters = counters;
        this.maxSequences = maxSequences;
        this.maxPassTokens = maxPassTokens;
    }

    @Override
    protected final void failQueued(J job, Throwable cause) {
        job.fail(cause);
    }

    @Override
    public final int activeRows() {
        return active.size();
    }

    /** Runs one pass over the oldest rows; returns the real tokens it fed (the rows, when it failed). */
    @Override
    protected final int runPass() {
        int rows = rowsForPass();
        if (chunks.length < rows) {
            chunks = new int[Math.max(rows, 2 * chunks.length)];
        }
        int chunkCap = Math.max(1, maxPassTokens / rows);
        pass.clear();
        running.clear();
        for (int r = 0; r < rows; r++) {
            R row = active.get(r);
            running.add(row);
            chunks[r] = chunk(row, chunkCap);
            pass.add(row.kv(), row.input(), row.offset(), chunks[r]);
        }
        try {
            pass.run();
        } catch (Throwable e) { // an Error too: the rows' jobs fail with it, none is left waiting
            IllegalStateException failure = new IllegalStateException("forward pass of " + model.files().graph()
                    + " failed over " + rows + " rows: " + e.getMessage(), e);
            for (R row : running) {
                failRow(row, failure);
            }
            running.clear();
            active.removeIf(row -> row.job().isDone());
            return rows;
        }
        long passNumber = counters.countPass(rows, pass.tokens());
        for (R row : running) {
            ModelUsage usage = row.job().usage();
            if (usage != null) {
                chargePass(usage, passNumber, rows);
            }
        }
        beforeOutputs(running, chunks);
        for (int r = 0; r < rows; r++) {
            afterPass(r, running.get(r), chunks[r]);
        }
        running.clear();
        // Finished rows have nothing pending; the rows of a failed job are dropped with it.
        active.removeIf(row -> row.pending() == 0 || row.job().isDone());
        return pass.tokens();
    }

    /** How many of the oldest rows the next pass runs: at most {@code maxSequences}. */
    protected int rowsForPass() {
        return Math.min(active.size(), maxSequences);
    }

    /** The tokens {@code row} is fed in a pass that gives each row at most {@code cap}. */
    protected int chunk(R row, int cap) {
        return Math.min(row.pending(), cap);
    }

    /** Adds pass number {@code passNumber}, of {@code rows} rows, to a job's usage (once per row of the job). */
    protected abstract void chargePass(ModelUsage usage, long passNumber, int rows);

    /**
     * Called once a pass has run, before {@link #afterPass} takes each row's output in row order: a subclass may
     * work over all the rows' outputs at once here ({@code rows.get(r)} was fed {@code chunks[r]} tokens).
     * Nothing by default.
     */
    protected void beforeOutputs(List<R> rows, int[] chunks) {
    }

    /** Takes row {@code index}'s output of the pass that fed it {@code chunk} tokens; fails its job itself if need be. */
    protected abstract void afterPass(int index, R row, int chunk);

    /** Fails {@code row}'s job (and any job waiting on the row) with {@code cause}. */
    protected abstract void failRow(R row, Throwable cause);

    /** Forgets what the subclass keeps about rows in flight, once they are all failed. */
    protected void forgetRows() {
    }

    /** Releases what the subclass holds besides the pass, once the loop is closed and its rows failed. */
    protected void releaseResources() {
    }

    @Override
    protected final void closeRows(CancellationException closed) {
        try {
            failRows(closed);
            pass.close();
        } finally {
            releaseResources();
        }
    }

    @Override
    protected final void failRows(Throwable cause) {
        for (R row : active) {
            failRow(row, cause);
        }
        active.clear();
        running.clear();
        forgetRows();
    }
}
