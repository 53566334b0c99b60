package dev.banyan.prm;

import dev.banyan.engine.DecoderModel;
import dev.banyan.engine.ForwardPass;
import dev.banyan.engine.ForwardPassLoop;
import dev.banyan.engine.KvSnapshot;
import dev.banyan.engine.PrefixCache;
import dev.banyan.engine.SequenceKv;
import dev.banyan.search.ModelUsage;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reward model's inference-thread duty cycle, a {@link ForwardPassLoop} (a test can run its cycles on its own thread):
 * {@link #doWork()} admits queued evaluations, then runs at most one forward pass over the engine's
 * {@link ForwardPass}, which batches rows of different lengths with padding and masks.
 *
 * <p>Incremental scoring (a graph with {@code past_key_values}, and a {@link PrefixCache}). A path's text is its
 * parent's plus one step, so an evaluation starts from the longest cached prefix of its tokens, at most up to the
 * first position it reads, and runs only the rest. When it finishes, its keys and values are cached for its
 * children. When the parent's text is not cached (the first steps under a question), one parent row computes it
 * and caches it, and every evaluation needing it meanwhile waits on that row instead of running it again.
 * Rows are fed in chunks of at most {@code maxPassTokens / rows} tokens, as the policy's prefill is.
 *
 * <p>Full sequences (a graph without KV, or incremental scoring turned off): every evaluation runs its whole
 * text; without KV each row is fed whole, right-padded, with as many rows per pass as {@code maxPassTokens} allows.
 */
final class ScoreLoop extends ForwardPassLoop<ScoreJob, ScoreRow> {
    /** Null when every evaluation runs its whole text. */
    private final PrefixCache kvCache;
    private final boolean chunked;
    private final ScoreRule rule;
    private final PrmCounters counters;
    /** Parent rows still running, by the parent's tokens. */
    private final Map<LongBuffer, ScoreRow> parents = new HashMap<>();
    private final float[] values;

    /** @param kvCache the prefix cache for incremental scoring, or {@code null} to run every text whole */
    ScoreLoop(DecoderModel model, PrefixCache kvCache, ScoreRule rule, PrmCounters counters, int maxSequences,
              int maxPassTokens) {
        super("banyan-prm", "the reward model was closed", model, counters, maxSequences, maxPassTokens);
        this.kvCache = kvCache;
        this.chunked = model.signature().hasKv();
        this.rule = rule;
        this.counters = counters;
        this.values = new float[model.signature().readout().width()];
    }

    @Override
    protected void failRow(ScoreRow row, Throwable cause) {
        row.job.fail(cause);
        if (row.isParent()) {
            row.waiters.forEach(waiter -> waiter.fail(cause));
            parents.remove(row.parentKey);
        }
    }

    @Override
    protected void forgetRows() {
        parents.clear();
    }

    // ------------------------------------------------------------------------------------------ admission

    @Override
    protected void admit(ScoreJob job) {
        int length = job.tokens.length;
        int maxPositions = model.config().maxPositions();
        if (length > maxPositions) {
            job.fail(new IllegalArgumentException("the path's text is " + length + " tokens; "
                    + model.files().directory() + " allows " + maxPositions + " positions (max_position_embeddings)"));
            return;
        }
        if (kvCache == null) {
            active.add(ScoreRow.scoring(job, new SequenceKv(model.layout(), null, 0, length), 0));
            return;
        }
        KvSnapshot hit = kvCache.longestPrefix(job.tokens);
        // Every position read must be run: its output is what the job is for.
        int reused = hit == null ? 0 : Math.min(hit.length(), job.reads[0]);
        if (reused >= job.stepStart) {
            active.add(ScoreRow.scoring(job, new SequenceKv(model.layout(), hit, reused, length - reused), reused));
            return;
        }
        ScoreRow parent = parents.get(LongBuffer.wrap(job.tokens, 0, job.stepStart));
        if (parent == null) {
            parent = ScoreRow.parent(job, new SequenceKv(model.layout(), hit, reused, job.stepStart - reused), reused);
            parents.put(parent.parentKey, parent);
            active.add(parent);
        }
        parent.waiters.add(job);
    }

    // ------------------------------------------------------------------------------------------- one pass

    @Override
    protected void chargePass(ModelUsage usage, long passNumber, int rows) {
        usage.prmPass(passNumber, rows);
    }

    /** Rows with KV are fed in chunks; rows without are fed whole. */
    @Override
    protected int chunk(ScoreRow row, int cap) {
        return chunked ? Math.min(row.pending(), cap) : row.pending();
    }

    /** The oldest rows, at most {@code maxSequences}; rows fed whole also stay within {@code maxPassTokens}. */
    @Override
    protected int rowsForPass() {
        int limit = super.rowsForPass();
        if (chunked) {
            return limit;
        }
        int rows = 1;
        int width = active.get(0).pending();
        while (rows < limit) {
            int wider = Math.max(width, active.get(rows).pending());
            if ((long) (rows + 1) * wider > maxPassTokens) {
                break;
            }
            width = wider;
            rows++;
        }
        return rows;
    }

    /** Reads the row's scores, charges its job for the chunk, and finishes the row once it is fed whole. */
    @Override
    protected void afterPass(int index, ScoreRow row, int chunk) {
        try {
            readScores(index, row, chunk);
        } catch (Throwable e) {
            failRow(row, e);
            return;
        }
        row.job.charge(chunk);
        row.advance(chunk);
        if (row.pending() == 0) {
            finish(row);
        }
    }

    /** Scores the positions this pass ran for {@code row}'s job. */
    private void readScores(int r, ScoreRow row, int chunk) {
        int from = row.offset();
        for (int read = row.nextRead(); read >= 0 && read < from + chunk; read = row.nextRead()) {
            pass.output(r, read - from, values);
            double score = rule.score(values);
            if (!Double.isFinite(score)) { // caught by the pass: fails this row's job, and it enters no cache
                throw new IllegalStateException("the reward model's score at token " + read + " is " + score
                        + " (NaN or infinite weights, or an overflow in " + model.files().graph() + "?)");
            }
            row.read(score);
        }
    }

    private void finish(ScoreRow row) {
        ScoreJob job = row.job;
        if (row.isParent()) {
            KvSnapshot parent = row.kv.freeze(Arrays.copyOf(job.tokens, row.end));
            kvCache.put(parent);
            parents.remove(row.parentKey);
            for (ScoreJob waiter : row.waiters) {
                int length = waiter.tokens.length;
                active.add(ScoreRow.scoring(waiter, new SequenceKv(model.layout(), parent, row.end, length - row.end),
                        row.end));
            }
            return;
        }
        if (kvCache != null) {
            kvCache.put(row.kv.freeze(job.tokens));
        }
        counters.evaluations.incrementAndGet();
        counters.stepTokens.addAndGet(job.tokens.length - job.stepStart);
        counters.kvTokensReused.addAndGet(job.tokens.length - job.tokensRun());
        if (job.usage() != null) {
            job.usage().prmKvReused(job.tokens.length - job.tokensRun());
        }
        job.finish();
    }
}
