package dev.banyan.search;

import dev.banyan.search.algo.Searches;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a search algorithm over questions of one task, with one policy and one PRM. Built once, used for many
 * questions, from many threads if wanted; close it to stop its worker threads.
 *
 * <pre>{@code
 * try (Searcher searcher = Searcher.builder()
 *         .task(task).policy(policy).stepScorer(prm)
 *         .algorithm(AlgorithmSpec.MctsStar.defaults())
 *         .budget(Budget.UNLIMITED.withPolicyTokens(2_000))
 *         .build()) {
 *     SearchResult result = searcher.search("4 9 10 13", null);
 * }
 * }</pre>
 */
public final class Searcher implements AutoCloseable {
    private final Searches.Settings settings;
    private final ExecutorService pool;
    /** Goes from false to true once, in {@link #close}. */
    private volatile boolean closed;

    private Searcher(Searches.Settings settings) {
        this.settings = settings;
        this.pool = settings.threads() > 1 ? Executors.newCachedThreadPool(DaemonThreads.named("banyan-search")) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Searches one question.
     *
     * @param groundTruth the expected answer for the verdict, or null when unknown
     * @throws IllegalArgumentException if the task does not accept the question ({@link Task#checkQuestion})
     * @throws IllegalStateException if the searcher is closed
     */
    public SearchResult search(String question, String groundTruth) {
        return search(question, groundTruth, null);
    }

    /**
     * As {@link #search(String, String)}, the models adding what this search's requests cost them to
     * {@code usage} (see {@link Policy#countingInto}); null counts nothing.
     */
    public SearchResult search(String question, String groundTruth, ModelUsage usage) {
        Objects.requireNonNull(question, "question");
        if (closed) {
            throw new IllegalStateException("this searcher is closed");
        }
        settings.task().checkQuestion(question);
        Searches.Settings counted = usage == null ? settings : settings.countingInto(usage);
        return Searches.run(counted, question, groundTruth, pool);
    }

    public AlgorithmSpec algorithm() {
        return settings.algorithm();
    }

    public Task task() {
        return settings.task();
    }

    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Collects a searcher's settings; each setter checks its value at once, {@link #build} the rest. */
    public static final class Builder {
        private Task task;
        private Policy policy;
        private StepScorer stepScorer;
        private OutcomeScorer outcomeScorer;
        private AlgorithmSpec algorithm = AlgorithmSpec.MctsStar.defaults();
        private Budget budget = new Budget(Long.MAX_VALUE, 200, Duration.ofMinutes(5));
        private int threads = 1;
        private long seed;
        private int maxStepTokens = 64;

        private Builder() {
        }

        public Builder task(Task task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        public Builder policy(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder stepScorer(StepScorer stepScorer) {
            this.stepScorer = Objects.requireNonNull(stepScorer, "stepScorer");
            return this;
        }

        /** Optional: an outcome reward model (η-MCTS's critic uses it when its ORM weight is positive). */
        public Builder outcomeScorer(OutcomeScorer outcomeScorer) {
            this.outcomeScorer = Objects.requireNonNull(outcomeScorer, "outcomeScorer");
            return this;
        }

        /** Default: MCTS* with the paper's evaluation settings. */
        public Builder algorithm(AlgorithmSpec algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** Default: 200 simulations, no token limit, 5 minutes. */
        public Builder budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** Search threads per question (default 1; with one thread a seed makes the search reproducible). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Longest single step the policy may generate (default 64 tokens). */
        public Builder maxStepTokens(int maxStepTokens) {
            if (maxStepTokens < 1) {
                throw new IllegalArgumentException("maxStepTokens must be at least 1, was " + maxStepTokens);
            }
            this.maxStepTokens = maxStepTokens;
            return this;
        }

        public Searcher build() {
            if (task == null || policy == null || stepScorer == null) {
                throw new IllegalStateException("a searcher needs a task, a policy and a step scorer; missing: "
                        + (task == null ? "task " : "") + (policy == null ? "policy " : "")
                        + (stepScorer == null ? "stepScorer" : "").strip());
            }
            if (algorithm instanceof AlgorithmSpec.EtaMcts eta && eta.betaOrm() > 0 && outcomeScorer == null) {
                throw new IllegalStateException("eta-mcts with betaOrm > 0 needs an outcome scorer");
            }
            return new Searcher(new Searches.Settings(task, policy, stepScorer, outcomeScorer, algorithm, budget,
                    threads, seed, maxStepTokens));
        }
    }
}
