package dev.banyan.engine;

import dev.banyan.search.ModelUsage;
import dev.banyan.search.Policy;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A decoder language model on ONNX Runtime as a {@link Policy}. Any number of search threads may call
 * {@link #propose} at once: each call is tokenized on its caller's thread and queued for the model's single
 * inference thread, which batches all pending work into shared forward passes (continuous batching) and keeps
 * the keys and values of contexts and proposals in a byte-bounded prefix cache, so a child node continues from
 * its parent's KV.
 *
 * <p>Log-probabilities. A proposal's {@code logProb} sums, over its tokens, the log-probability under the
 * model's unmodified distribution (softmax of the raw logits), whatever temperature, top-k or top-p chose
 * them; it measures how likely the model finds the step, not how it was sampled.
 *
 * <p>Seeds. Proposal {@code i} of a request draws from a generator derived from {@code (seed, i)} only, so a
 * request's proposals do not depend on what else shares the batch, nor on whether its context came from the
 * cache (up to float rounding of the logits, which changes a token only when a draw falls within about 1e-6
 * of a boundary). Greedy requests run one proposal and return it {@code count} times.
 *
 * <pre>{@code
 * try (PolicyEngine policy = PolicyEngine.builder(Path.of("models/policy")).device("cuda:0").build()) {
 *     List<StepProposal> steps = policy.propose(request).join();
 * }
 * }</pre>
 */
public final class PolicyEngine implements Policy, AutoCloseable {
    private final DecoderModel model;
    private final DecodeLoop loop;
    private final EngineCounters counters;
    private final EngineLifecycle<Job> lifecycle;
    private final DecoderConfig.Sampling sampling;

    private PolicyEngine(DecoderModel model, DecodeLoop loop, EngineCounters counters, DecoderConfig.Sampling sampling,
                         boolean ownThread) {
        this.model = model;
        this.sampling = sampling;
        this.loop = loop;
        this.counters = counters;
        this.lifecycle = new EngineLifecycle<>(model, loop, ownThread, "the policy engine is closed");
    }

    /** Starts configuring an engine for the model in {@code modelDirectory}. */
    public static Builder builder(Path modelDirectory) {
        return new Builder(modelDirectory);
    }

    @Override
    public CompletableFuture<List<StepProposal>> propose(StepRequest request) {
        return propose(request, null);
    }

    /** This engine, adding each request's context reuse and the passes it took part in to {@code usage}. */
    @Override
    public Policy countingInto(ModelUsage usage) {
        Objects.requireNonNull(usage, "usage");
        return request -> propose(request, usage);
    }

    private CompletableFuture<List<StepProposal>> propose(StepRequest request, ModelUsage usage) {
        Objects.requireNonNull(request, "request");
        return lifecycle.submit(() -> new Job(request, contextIds(request), usage), Job::future);
    }

    /**
     * The context's token ids. A path whose every step carries the ids it was generated with continues from
     * exactly those ids, after the encoding of the text before the first step: no text the model produced is
     * tokenised again, so a child's ids extend its parent's proposal and its KV. The ids are checked against the
     * context: each step's ids must decode to the context's text where that step sits (the text before the first
     * step, prompt and chat markup, is encoded as usual); a path without ids, or whose ids do not spell its
     * context (a task that rewrote a step, another tokenizer), is encoded from its text and counted in
     * {@link PolicyStats#contextsRetokenized()}.
     */
    long[] contextIds(StepRequest request) {
        String context = request.context();
        ReasoningPath path = request.path();
        if (path.depth() == 0) {
            return model.codec.encode(context);
        }
        if (path.hasAllStepTokenIds() && !model.codec.appendsSpecialTokens()) {
            // From the last step back, each step's ids must spell the context's text right before the next's.
            long[][] steps = new long[path.depth()][];
            int end = context.length();
            int total = 0;
            for (int i = steps.length - 1; i >= 0 && end >= 0; i--) {
                steps[i] = path.stepTokenIds(i);
                String spelled = model.codec.decode(steps[i], steps[i].length);
                end = context.startsWith(spelled, end - spelled.length()) ? end - spelled.length() : -1;
                total += steps[i].length;
            }
            if (end >= 0) {
                long[] head = model.codec.encode(context.substring(0, end));
                long[] ids = Arrays.copyOf(head, head.length + total);
                int at = head.length;
                for (long[] step : steps) {
                    System.arraycopy(step, 0, ids, at, step.length);
                    at += step.length;
                }
                counters.contextsFromTokenIds.incrementAndGet();
                return ids;
            }
        }
        counters.contextsRetokenized.incrementAndGet();
        return model.codec.encode(context);
    }

    /** The temperature, top-k and top-p in use: the builder's, else generation_config.json's, else 1, 0 and 1. */
    public DecoderConfig.Sampling sampling() {
        return sampling;
    }

    /** The files the model was loaded from (which graph, which variant). */
    public ModelFiles files() {
        return model.files;
    }

    /** Totals since the engine was built. */
    public PolicyStats stats() {
        return counters.snapshot();
    }

    /** Stops the inference thread and its sampling helpers, fails requests still pending, releases the model. */
    @Override
    public void close() {
        lifecycle.close();
    }

    /** The duty cycle, for tests that drive it on their own thread. */
    DecodeLoop loop() {
        return loop;
    }

    /**
     * Configures a {@link PolicyEngine}; every setter checks its value at once. Besides the settings every engine
     * shares ({@link EngineBuilder}): the sampling settings ({@link #temperature}, {@link #topK}, {@link #topP}),
     * the threads that sample a pass's rows ({@link #samplingThreads}), and the prefix cache's budget
     * ({@link #cacheBytes}).
     */
    public static final class Builder extends EngineBuilder<Builder> {
        /** Sampling settings; {@code null} until set, then generation_config.json's or the built-in ones apply. */
        private Double temperature;
        private Integer topK;
        private Double topP;
        private int samplingThreads = Runtime.getRuntime().availableProcessors();
        private long parallelSamplingLogits = RowSampler.PARALLEL_LOGITS;

        private Builder(Path modelDirectory) {
            super(modelDirectory, Runtime.getRuntime().maxMemory() / 4);
        }

        /**
         * Sampling temperature; 0 means greedy for every request. Default: generation_config.json's
         * {@code temperature}, else 1. The same holds for {@link #topK} and {@link #topP}.
         */
        public Builder temperature(double temperature) {
            check(temperature >= 0 && !Double.isInfinite(temperature), "temperature must be >= 0 and finite", temperature);
            this.temperature = temperature;
            return this;
        }

        /** Sample among the {@code k} most likely tokens only; 0 turns the cut off. Default: generation_config.json's, else 0. */
        public Builder topK(int k) {
            check(k >= 0, "topK must be >= 0", k);
            this.topK = k;
            return this;
        }

        /** Sample from the smallest set of tokens holding probability {@code p}; 1 turns it off. Default: generation_config.json's, else 1. */
        public Builder topP(double p) {
            check(p > 0 && p <= 1, "topP must be in (0, 1]", p);
            this.topP = p;
            return this;
        }

        /**
         * Threads that sample the rows of a pass: the inference thread and {@code threads - 1} daemon helpers
         * ({@code banyan-sampler-…}, stopped when the engine closes). Sampling draws each token from the full
         * softmax, one exponential per vocabulary entry, so with a vocabulary of 150k tokens and 32 rows it costs
         * more than a small model's forward pass; a pass whose rows sample a million logits or more in all has them
         * sampled in parallel. The tokens are the same whatever the number: each proposal draws from its own seeded
         * generator. 1 samples every row on the inference thread. Default: {@code Runtime.availableProcessors()}.
         */
        public Builder samplingThreads(int threads) {
            check(threads >= 1, "samplingThreads must be positive", threads);
            this.samplingThreads = threads;
            return this;
        }

        /** The logits a pass must sample in all to go parallel (tests: 0 makes every pass of two picks do so). */
        Builder parallelSamplingFrom(long logits) {
            check(logits >= 0, "parallelSamplingFrom must be >= 0", logits);
            this.parallelSamplingLogits = logits;
            return this;
        }

        /** Byte budget of the prefix KV cache; 0 turns it off. Default a quarter of the maximum heap. */
        public Builder cacheBytes(long bytes) {
            return cacheBytes("cacheBytes", bytes);
        }

        /** No inference thread: the caller runs {@link DecodeLoop#doWork()} itself (tests). */
        Builder withoutThread() {
            return callerDriven();
        }

        /**
         * Loads and checks the model, then starts its inference thread. Fails, naming the file, when the model has
         * no end-of-sequence token (a policy must be able to stop).
         */
        public PolicyEngine build() {
            EngineSettings settings = settings();
            DecoderModel model = settings.load(Readout.logits());
            try {
                DecoderConfig config = model.config;
                if (config.eosTokenIds().length == 0) {
                    throw new IllegalArgumentException("model directory " + settings.modelDirectory() + " names no "
                            + "end-of-sequence token: eos_token_id is missing from " + (model.files.generationConfig() != null
                            ? model.files.generationConfig() + " and " : "") + model.files.config()
                            + "; add it (an id or a list of ids) to generation_config.json");
                }
                DecoderConfig.Sampling given = config.sampling();
                DecoderConfig.Sampling sampling = new DecoderConfig.Sampling(
                        temperature != null ? temperature : given.temperature() != null ? given.temperature() : 1.0,
                        topK != null ? topK : given.topK() != null ? given.topK() : 0,
                        topP != null ? topP : given.topP() != null ? given.topP() : 1.0);
                Supplier<Sampler> samplers = () -> new Sampler(sampling.temperature(), sampling.topK(), sampling.topP());
                EngineCounters counters = new EngineCounters();
                PrefixCache cache = new PrefixCache(settings.cacheBytes(), counters);
                // Its helper threads start on the first pass that needs them, so nothing is left running if this throws.
                RowSampler rowSampler = new RowSampler(samplers, samplingThreads, parallelSamplingLogits,
                        RowSampler.DEADLINE, String.valueOf(settings.modelDirectory().getFileName()));
                DecodeLoop loop = new DecodeLoop(model, cache, rowSampler, counters,
                        settings.maxBatchSequences(), settings.maxBatchTokens());
                return new PolicyEngine(model, loop, counters, sampling, settings.ownThread());
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
    }
}
