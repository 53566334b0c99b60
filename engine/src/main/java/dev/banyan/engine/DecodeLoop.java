package dev.banyan.engine;

import dev.banyan.search.ModelUsage;
import dev.banyan.search.StepRequest;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The policy's inference-thread duty cycle (a {@link BatchLoop}, so a test can run cycles on its own thread):
 * {@link #doWork()} admits queued requests, then runs at most one forward pass.
 *
 * <p>Continuous batching. Sequences join and leave between passes: a request first becomes one prefill row
 * for its context (after the longest cached prefix); when that finishes, its logits give every proposal's
 * first token and the request forks into one decode row per proposal, all sharing the context's frozen keys
 * and values. A pass takes the oldest rows, at most {@code maxSequences}; its width is the longest chunk, and
 * a prefill chunk is capped at {@code maxPassTokens / rows} so a long context is fed over several passes
 * instead of padding every row to its length. Rows of different requests, nodes and problems share passes.
 *
 * <p>Caching. After a prefill, the context's KV goes into the {@link PrefixCache}; after a proposal finishes,
 * so does the KV of the context plus its tokens (all but the last, which was never fed). A child's context is
 * its parent's plus the step and delimiter, so its lookup finds the parent proposal's entry and recomputes
 * only the difference.
 *
 * <p>Sampling. Each row that completes samples its next token (a prefill, each proposal's first) from its logits.
 * With a large vocabulary that costs more than the pass itself, so a pass with enough to sample has its picks made
 * at once on several threads ({@link RowSampler}) before its rows are followed up; the picks are the same either
 * way, and everything else (accepting, finishing, feeding, caching) stays here, in row order.
 */
final class DecodeLoop extends ForwardPassLoop<Job, Sequence> {
    private final PrefixCache cache;
    /** The inference thread's sampler, shared with {@link #rowSampler}: one sampler (and its scratch) per thread. */
    private final Sampler sampler;
    private final RowSampler rowSampler;
    private final EngineCounters counters;
    /** The current pass's picks, made ahead of the rows' outputs by {@link #rowSampler}; null when none were. */
    private RowSampler.Round ahead;
    /** For row {@code r} of the current pass: its first pick in {@link #ahead}, or -1. */
    private int[] firstPick = new int[16];

    DecodeLoop(DecoderModel model, PrefixCache cache, RowSampler rowSampler, EngineCounters counters,
               int maxSequences, int maxPassTokens) {
        super("banyan-policy", "the policy engine was closed", model, counters, maxSequences, maxPassTokens);
        this.cache = cache;
        this.sampler = rowSampler.inferenceThreadSampler();
        this.rowSampler = rowSampler;
        this.counters = counters;
    }

    @Override
    protected void admit(Job job) {
        try {
            start(job);
        } catch (Throwable e) {
            fail(job, e);
        }
    }

    @Override
    protected void failRow(Sequence sequence, Throwable cause) {
        fail(sequence.job, cause);
    }

    /** Looks up the context's longest cached prefix and queues a prefill row for the rest. */
    private void start(Job job) {
        long[] tokens = job.tokens;
        int maxPositions = model.config.maxPositions();
        if (tokens.length == 0) {
            throw new IllegalArgumentException("the context encodes to no tokens and the tokenizer adds no BOS");
        }
        if (tokens.length >= maxPositions) {
            throw new IllegalArgumentException("the context is " + tokens.length + " tokens; "
                    + model.files.directory() + " allows " + maxPositions + " positions (max_position_embeddings)");
        }
        job.start();
        KvSnapshot hit = cache.longestPrefix(tokens);
        // At least the last context token is run again: its logits give the first proposed token.
        int reused = hit == null ? 0 : Math.min(hit.length(), tokens.length - 1);
        // Of the rest, what was computed before (then evicted, or the last token) is recomputation; the remainder
        // (a new question's prompt, the delimiter after a parent's step) runs for the first time.
        int recomputed = Math.max(0, cache.longestPrefixOfferedBefore(tokens) - reused);
        counters.prefixTokensReused.addAndGet(reused);
        counters.prefixTokensRecomputed.addAndGet(recomputed);
        counters.prefixTokensFirstRun.addAndGet(tokens.length - reused - recomputed);
        if (job.usage() != null) {
            job.usage().policyContext(reused, recomputed);
        }
        SequenceKv kv = new SequenceKv(model.layout, hit, reused, tokens.length - reused);
        active.add(Sequence.prefill(job, kv, hit, reused));
    }

    @Override
    protected void chargePass(ModelUsage usage, long passNumber, int rows) {
        usage.policyPass(passNumber, rows);
    }

    /**
     * When the pass samples enough logits to pay, picks every token it samples at once, on several threads
     * ({@link RowSampler}): a decode row that completes takes one pick, a prefill that completes one per proposal.
     * {@link #afterPass} then applies the picks in row order, exactly as if it had made them itself.
     */
    @Override
    protected void beforeOutputs(List<Sequence> rows, int[] chunks) {
        ahead = null;
        if (!rowSampler.parallel()) {
            return;
        }
        long logits = 0;
        int picks = 0;
        for (int r = 0; r < rows.size(); r++) {
            Sequence sequence = rows.get(r);
            if (samples(sequence, chunks[r])) {
                int count = sequence.isPrefill() ? sequence.job.generated() : 1;
                picks += count;
                logits += (long) count * pass.logits(r).length;
            }
        }
        if (!rowSampler.pays(picks, logits)) {
            return;
        }
        if (firstPick.length < rows.size()) {
            firstPick = new int[Math.max(rows.size(), 2 * firstPick.length)];
        }
        RowSampler.Round round = rowSampler.round(picks);
        for (int r = 0; r < rows.size(); r++) {
            Sequence sequence = rows.get(r);
            firstPick[r] = -1;
            if (!samples(sequence, chunks[r])) {
                continue;
            }
            float[] rowLogits = pass.logits(r);
            StepRequest request = sequence.job.request;
            firstPick[r] = round.size();
            if (sequence.isPrefill()) {
                for (int index = 0; index < sequence.job.generated(); index++) {
                    round.add(rowLogits, request.greedy(), Sampler.random(request.seed(), index));
                }
            } else {
                round.add(rowLogits, request.greedy(), sequence.generation.random());
            }
        }
        rowSampler.pick(round);
        ahead = round;
    }

    /** Whether {@code sequence} samples after a pass that feeds it {@code chunk} tokens: whether it completes. */
    private static boolean samples(Sequence sequence, int chunk) {
        return sequence.pending() == chunk && !sequence.job.isDone();
    }

    /** Advances the row; when it is fed whole, samples from its logits (forking a prefill into proposals). */
    @Override
    protected void afterPass(int index, Sequence sequence, int chunk) {
        sequence.advance(chunk);
        if (sequence.pending() == 0 && !sequence.job.isDone()) {
            try {
                onLogits(sequence, pass.logits(index), ahead == null ? -1 : firstPick[index]);
            } catch (Throwable e) {
                fail(sequence.job, e);
            }
        }
    }

    /** @param pick the row's first pick in {@link #ahead}, or -1 to sample here */
    private void onLogits(Sequence sequence, float[] logits, int pick) {
        Job job = sequence.job;
        if (sequence.isPrefill()) {
            fork(job, sequence, logits, pick);
            return;
        }
        Generation generation = sequence.generation;
        if (sample(job, generation, logits, pick)) {
            finish(job, sequence.index, generation, sequence.kv);
        } else {
            sequence.feed(generation.last());
        }
    }

    /** The context is in: freeze and cache its KV, sample each proposal's first token, add decode rows. */
    private void fork(Job job, Sequence prefill, float[] logits, int firstPick) {
        long[] tokens = job.tokens;
        KvSnapshot context;
        if (prefill.cachedPrefix != null && prefill.cachedPrefix.length() == tokens.length) {
            context = prefill.cachedPrefix; // the whole context was cached; only its last logits were missing
        } else {
            context = prefill.kv.freeze(tokens);
            cache.put(context);
        }
        StepRequest request = job.request;
        int maxTokens = Math.min(request.maxTokens(), model.config.maxPositions() - tokens.length);
        for (int index = 0; index < job.generated(); index++) {
            int pick = firstPick < 0 ? -1 : firstPick + index;
            // A pick made ahead drew from this generator already; the proposal goes on drawing from it.
            SplittableRandom random = pick < 0 ? Sampler.random(request.seed(), index) : ahead.random(pick);
            Generation generation = new Generation(random, request.stopStrings(), maxTokens, model.config::isEos,
                    model.codec);
            SequenceKv kv = new SequenceKv(model.layout, context, tokens.length, maxTokens);
            if (sample(job, generation, logits, pick)) {
                finish(job, index, generation, kv);
            } else {
                active.add(Sequence.decode(job, kv, generation, index));
            }
        }
    }

    /**
     * Samples the next token of {@code generation}, or takes pick {@code pick} of {@link #ahead}, made from the
     * same logits and generator; returns whether it finished.
     */
    private boolean sample(Job job, Generation generation, float[] logits, int pick) {
        int token;
        double logProb;
        if (pick < 0) {
            token = sampler.pick(logits, job.request.greedy(), generation.random());
            logProb = sampler.lastLogProb();
        } else {
            token = ahead.token(pick);
            logProb = ahead.logProb(pick);
        }
        counters.tokensGenerated.incrementAndGet();
        if (job.usage() != null) {
            job.usage().policyToken();
        }
        return generation.accept(token, logProb);
    }

    private void finish(Job job, int index, Generation generation, SequenceKv kv) {
        long[] fed = generation.fedTokens();
        if (fed.length > 0) {
            long[] tokens = new long[job.tokens.length + fed.length];
            System.arraycopy(job.tokens, 0, tokens, 0, job.tokens.length);
            System.arraycopy(fed, 0, tokens, job.tokens.length, fed.length);
            cache.put(kv.freeze(tokens));
        }
        job.finish(index, generation.proposal());
        if (job.isDone()) {
            counters.requests.incrementAndGet();
        }
    }

    @Override
    protected void releaseResources() {
        ahead = null;
        rowSampler.close();
    }

    private void fail(Job job, Throwable cause) {
        if (!job.isDone()) {
            job.fail(cause);
            counters.requests.incrementAndGet();
        }
    }
}
