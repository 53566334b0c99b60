package dev.banyan.prm;

import dev.banyan.engine.DecoderModel;
import dev.banyan.engine.EngineBuilder;
import dev.banyan.engine.EngineLifecycle;
import dev.banyan.engine.EngineSettings;
import dev.banyan.engine.PrefixCache;
import dev.banyan.search.Aggregation;
import dev.banyan.search.ModelUsage;
import dev.banyan.search.OutcomeScorer;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;
import dev.banyan.search.StepScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A process reward model on ONNX Runtime, as the search's {@link StepScorer} and {@link OutcomeScorer}. The model
 * directory holds what a policy's does (the graph, {@code config.json}, {@code tokenizer.json}) plus a
 * {@code prm.json} saying how to read it ({@link PrmConfig}: step-tag, token-classification or value-head).
 *
 * <p>Any number of search threads may ask at once. Each request first consults the value cache, keyed by the
 * exact path: a cached score, or an evaluation of the same path already in flight, answers it with no tokens
 * run. The rest are tokenized on the caller's thread and queued for the model's single inference thread, which
 * batches them into shared forward passes and, when the graph takes {@code past_key_values}, scores each new
 * step from the cached keys and values of its parent path, running only the step's own tokens
 * (see {@link ScoreLoop}).
 *
 * <p>{@link StepScore#tokensProcessed()} is what a request actually cost: 0 when answered by the cache or by
 * another request's evaluation, only the new step's tokens when scored incrementally (plus, for the first
 * request under a question, the prompt's).
 *
 * <pre>{@code
 * try (PrmEngine prm = PrmEngine.builder(Path.of("models/game24/prm")).build()) {
 *     List<StepScore> scores = prm.score(List.of(path)).join();
 * }
 * }</pre>
 */
public final class PrmEngine implements StepScorer, OutcomeScorer, AutoCloseable {
    private final PrmConfig config;
    private final PathEncoder encoder;
    private final ValueCache values;
    private final ScoreLoop loop;
    private final PrmCounters counters;
    private final Aggregation outcomeAggregation;
    private final boolean incremental;
    private final EngineLifecycle<ScoreJob> lifecycle;

    private PrmEngine(DecoderModel model, PrmConfig config, PathEncoder encoder, ValueCache values, ScoreLoop loop,
                      PrmCounters counters, Aggregation outcomeAggregation, boolean incremental, boolean ownThread) {
        this.config = config;
        this.encoder = encoder;
        this.values = values;
        this.loop = loop;
        this.counters = counters;
        this.outcomeAggregation = outcomeAggregation;
        this.incremental = incremental;
        this.lifecycle = new EngineLifecycle<>(model, loop, ownThread, "the reward model is closed");
    }

    /** Starts configuring a reward model for the directory {@code modelDirectory}. */
    public static Builder builder(Path modelDirectory) {
        return new Builder(modelDirectory);
    }

    /** Scores the newest step of every path; each needs at least one step. */
    @Override
    public CompletableFuture<List<StepScore>> score(List<ReasoningPath> paths) {
        return score(paths, null);
    }

    /** This model, adding each request's cache hits, reused tokens and the passes it took part in to {@code usage}. */
    @Override
    public StepScorer countingInto(ModelUsage usage) {
        Objects.requireNonNull(usage, "usage");
        return paths -> score(paths, usage);
    }

    private CompletableFuture<List<StepScore>> score(List<ReasoningPath> paths, ModelUsage usage) {
        List<CompletableFuture<StepScore>> scores = new ArrayList<>(paths.size());
        for (ReasoningPath path : paths) {
            scores.add(scoreNewest(path, usage));
        }
        return CompletableFuture.allOf(scores.toArray(CompletableFuture[]::new))
                .thenApply(done -> scores.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Scores every step of {@code path}. Steps in the value cache cost nothing; the others are read in one
     * evaluation of the path's text, and enter the cache.
     */
    public CompletableFuture<PathScores> scoreSteps(ReasoningPath path) {
        Objects.requireNonNull(path, "path");
        int depth = path.depth();
        if (depth == 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the path has no steps to score"));
        }
        List<ValueCache.Claim> claims = new ArrayList<>(depth);
        int first = 0;
        for (int step = 1; step <= depth; step++) {
            ReasoningPath prefix = step == depth ? path : ReasoningPath.of(path.question(), path.steps().subList(0, step));
            ValueCache.Claim claim = values.claim(prefix);
            claims.add(claim);
            if (claim.owned() && first == 0) {
                first = step;
            }
        }
        CompletableFuture<Integer> tokens = CompletableFuture.completedFuture(0);
        if (first > 0) {
            // One evaluation reads every step from the first one missing; cached steps among them are read again.
            int from = first;
            CompletableFuture<ScoreJob.Evaluation> evaluation = evaluate(path, from, null);
            evaluation.whenComplete((result, failure) -> {
                for (int step = from; step <= depth; step++) {
                    ValueCache.Claim claim = claims.get(step - 1);
                    if (claim.owned()) {
                        values.settle(claim, failure == null ? result.scores()[step - from] : 0, failure);
                    }
                }
            });
            tokens = evaluation.thenApply(ScoreJob.Evaluation::tokensProcessed);
        }
        List<CompletableFuture<Double>> steps = claims.stream().map(ValueCache.Claim::future).toList();
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).thenCombine(tokens, (done, run) ->
                new PathScores(steps.stream().mapToDouble(CompletableFuture::join).toArray(), run));
    }

    /** The path's step scores reduced by {@code how}, with the tokens run to get them. */
    public CompletableFuture<StepScore> scorePath(ReasoningPath path, Aggregation how) {
        Objects.requireNonNull(how, "how");
        if (how == Aggregation.LAST) {
            return scoreNewest(path, null);
        }
        return scoreSteps(path).thenApply(scores -> new StepScore(scores.aggregate(how), scores.tokensProcessed()));
    }

    /**
     * An outcome score for a finished path: its step scores reduced by the builder's {@link
     * Builder#outcomeAggregation} ({@code last} by default: the score at the solution's end, which is what an
     * outcome reward model is trained to give).
     */
    @Override
    public CompletableFuture<StepScore> scoreOutcome(ReasoningPath finished) {
        return scorePath(finished, outcomeAggregation);
    }

    /** The prm.json this model was loaded with. */
    public PrmConfig config() {
        return config;
    }

    /** Whether new steps are scored from their parent's cached keys and values (the graph takes them and it is on). */
    public boolean incremental() {
        return incremental;
    }

    /** Totals since the model was built. */
    public PrmStats stats() {
        return counters.snapshot();
    }

    /** Stops the inference thread, fails requests still pending, releases the model. */
    @Override
    public void close() {
        lifecycle.close();
    }

    /** The duty cycle, for tests that drive it on their own thread. */
    ScoreLoop loop() {
        return loop;
    }

    private CompletableFuture<StepScore> scoreNewest(ReasoningPath path, ModelUsage usage) {
        Objects.requireNonNull(path, "path");
        if (path.depth() == 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the path has no steps to score"));
        }
        ValueCache.Claim claim = values.claim(path);
        if (!claim.owned()) {
            if (usage != null) {
                usage.prmCacheHit();
            }
            return claim.future().thenApply(value -> new StepScore(value, 0));
        }
        CompletableFuture<ScoreJob.Evaluation> evaluation = evaluate(path, path.depth(), usage);
        evaluation.whenComplete((result, failure) -> values.settle(claim, failure == null ? result.scores()[0] : 0, failure));
        return evaluation.thenApply(result -> new StepScore(result.scores()[0], result.tokensProcessed()));
    }

    /** Queues an evaluation of {@code path} reading steps {@code first} to its newest. */
    private CompletableFuture<ScoreJob.Evaluation> evaluate(ReasoningPath path, int first, ModelUsage usage) {
        return lifecycle.submit(() -> new ScoreJob(encoder.encode(path, first), usage), ScoreJob::future);
    }

    /** Configures a {@link PrmEngine}; every setter checks its value at once. */
    public static final class Builder extends EngineBuilder<Builder> {
        private boolean incremental = true;
        private long valueCacheEntries = 100_000;
        private Aggregation outcomeAggregation = Aggregation.LAST;

        private Builder(Path modelDirectory) {
            super(modelDirectory, Runtime.getRuntime().maxMemory() / 8);
        }

        /** Byte budget of the prefix KV cache behind incremental scoring. Default an eighth of the maximum heap. */
        public Builder kvCacheBytes(long bytes) {
            return cacheBytes("kvCacheBytes", bytes);
        }

        /**
         * Whether to score a new step from its parent's cached keys and values (default on; has effect only when
         * the graph takes {@code past_key_values}). Off, every evaluation runs its path's whole text.
         */
        public Builder incremental(boolean incremental) {
            this.incremental = incremental;
            return this;
        }

        /** Most paths whose scores are cached; 0 turns the value cache off. Default 100,000. */
        public Builder valueCacheEntries(long entries) {
            check(entries >= 0, "valueCacheEntries must be >= 0", entries);
            this.valueCacheEntries = entries;
            return this;
        }

        /** How {@link #scoreOutcome} reduces a finished path's step scores. Default {@code LAST}. */
        public Builder outcomeAggregation(Aggregation how) {
            this.outcomeAggregation = Objects.requireNonNull(how, "how");
            return this;
        }

        /** No inference thread: the caller runs {@link ScoreLoop#doWork()} itself (tests). */
        Builder withoutThread() {
            return callerDriven();
        }

        /**
         * Reads prm.json, loads and checks the model, then starts its inference thread. Fails, naming the file
         * and what it expected, when prm.json is malformed, names a token the tokenizer lacks, or the graph lacks
         * the output its style reads (or has it in another shape).
         */
        public PrmEngine build() {
            EngineSettings settings = settings();
            Path prmJson = settings.modelDirectory().resolve("prm.json");
            if (!Files.isRegularFile(prmJson)) {
                throw new IllegalArgumentException("model directory " + settings.modelDirectory() + " has no prm.json;"
                        + " a reward model needs one to say how it is read (see PrmConfig)");
            }
            PrmConfig config = PrmConfig.read(prmJson);
            DecoderModel model;
            try {
                model = settings.load(ScoreRule.readout(config));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (prm.json " + prmJson + " has style "
                        + config.style().key() + ", output " + PrmConfig.quote(config.output()) + ")", e);
            }
            try {
                Path tokenizer = model.files().tokenizer();
                int vocab = model.config().vocabSize();
                ScoreRule rule = ScoreRule.of(config, model.codec(), vocab, tokenizer);
                long tagId = config.tag() == null ? -1
                        : ScoreRule.tokenId(config, model.codec(), "tag", config.tag(), vocab, tokenizer);
                PrmCounters counters = new PrmCounters();
                boolean kvReuse = incremental && model.signature().hasKv();
                ScoreLoop loop = new ScoreLoop(model, kvReuse ? new PrefixCache(settings.cacheBytes()) : null, rule,
                        counters, settings.maxBatchSequences(), settings.maxBatchTokens());
                return new PrmEngine(model, config, new PathEncoder(config, model.codec(), tagId),
                        new ValueCache(valueCacheEntries, counters), loop, counters, outcomeAggregation, kvReuse,
                        settings.ownThread());
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
    }
}
