package dev.banyan.prm;

import dev.banyan.engine.ForwardPassLoop;
import dev.banyan.search.ModelUsage;

/**
 * One evaluation on its way through the scoring loop: a path's tokens and the positions to read. Created on a
 * caller's thread, then touched by the loop's thread only, until its future completes.
 */
final class ScoreJob extends ForwardPassLoop.Request<ScoreJob.Evaluation> {
    /** The path's whole text. */
    final long[] tokens;
    /** The positions read, ascending; one score each. */
    final int[] reads;
    /** Tokens before the first step read: the parent path's text, whose keys and values siblings share. */
    final int stepStart;

    private final double[] scores;
    private int tokensRun;

    ScoreJob(PathEncoder.Encoded encoded, ModelUsage usage) {
        super(usage);
        this.tokens = encoded.tokens();
        this.reads = encoded.reads();
        this.stepStart = encoded.stepStart();
        this.scores = new double[reads.length];
    }

    /** What an evaluation gave: a score per position read, and the tokens run for it. */
    record Evaluation(double[] scores, int tokensProcessed) {
    }

    void setScore(int read, double score) {
        scores[read] = score;
    }

    /** Counts {@code count} tokens run for this job. */
    void charge(int count) {
        tokensRun += count;
    }

    int tokensRun() {
        return tokensRun;
    }

    void finish() {
        future().complete(new Evaluation(scores, tokensRun));
    }

}
