package dev.banyan.prm;

import dev.banyan.engine.ForwardPassLoop;
import dev.banyan.engine.SequenceKv;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A row of the running batch: {@code job.tokens[offset, end)} still to feed after the keys and values in
 * {@code kv}. A scoring row runs to the end of its job's text and reads its scores on the way; a parent row runs
 * only the text before the step scored (the parent path's), so that every sibling waiting on it continues from
 * the same keys and values. Used by the loop's thread only.
 */
final class ScoreRow implements ForwardPassLoop.Row {
    /** The job read, or for a parent row the job charged for its tokens (the first sibling to ask). */
    final ScoreJob job;
    final SequenceKv kv;
    final int end;
    /** For a parent row: the parent's tokens, and the jobs that continue from it; else {@code null}. */
    final LongBuffer parentKey;
    final List<ScoreJob> waiters;
    private int offset;
    private int nextRead;

    private ScoreRow(ScoreJob job, SequenceKv kv, int offset, int end, LongBuffer parentKey, List<ScoreJob> waiters) {
        this.job = job;
        this.kv = kv;
        this.offset = offset;
        this.end = end;
        this.parentKey = parentKey;
        this.waiters = waiters;
    }

    /** A row reading {@code job}'s scores, its tokens before {@code offset} already in {@code kv}. */
    static ScoreRow scoring(ScoreJob job, SequenceKv kv, int offset) {
        return new ScoreRow(job, kv, offset, job.tokens.length, null, null);
    }

    /** A row computing the text before {@code job}'s first step, its tokens before {@code offset} already in {@code kv}. */
    static ScoreRow parent(ScoreJob job, SequenceKv kv, int offset) {
        return new ScoreRow(job, kv, offset, job.stepStart, LongBuffer.wrap(job.tokens, 0, job.stepStart),
                new ArrayList<>());
    }

    boolean isParent() {
        return waiters != null;
    }

    @Override
    public SequenceKv kv() {
        return kv;
    }

    /** The job's whole text; the row feeds it up to {@code end}. */
    @Override
    public long[] input() {
        return job.tokens;
    }

    @Override
    public int offset() {
        return offset;
    }

    @Override
    public int pending() {
        return end - offset;
    }

    @Override
    public ScoreJob job() {
        return job;
    }

    /** Marks {@code count} tokens as fed. */
    void advance(int count) {
        offset += count;
    }

    /** The next position to read, or -1 when every score is read (always -1 for a parent row). */
    int nextRead() {
        return isParent() || nextRead == job.reads.length ? -1 : job.reads[nextRead];
    }

    /** Records the score of {@link #nextRead()}. */
    void read(double score) {
        job.setScore(nextRead++, score);
    }
}
