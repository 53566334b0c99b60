package dev.banyan.api;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.ModelUsage;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.Task;
import dev.banyan.search.targets.TargetOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Tree-search reasoning, embedded: a model directory (or bundle), an algorithm and a budget, built once and
 * used for many questions, from many threads if wanted.
 *
 * <pre>{@code
 * try (Banyan banyan = Banyan.builder().model(Path.of("models/simulated"))
 *         .algorithm("mcts-star").budgetTokens(2000).seed(1).build()) {
 *     Solution solution = banyan.search("4 9 10 13");
 *     solution.answer().ifPresent(System.out::println);
 *     solution.targets().sft().forEach(sample -> System.out.println(sample.completion()));
 * }
 * }</pre>
 *
 * Settings left unset come from the model's {@code banyan.json}, then from {@link SearchDefaults#BUILT_IN}.
 */
public final class Banyan implements AutoCloseable {
    private final ModelBundle bundle;
    private final boolean ownsBundle;
    private final Searcher searcher;
    private final Budget budget;
    private final TargetOptions targetOptions;
    /** Goes from false to true once, in {@link #close}. */
    private volatile boolean closed;

    private Banyan(ModelBundle bundle, boolean ownsBundle, Searcher searcher, Budget budget,
                   TargetOptions targetOptions) {
        this.bundle = bundle;
        this.ownsBundle = ownsBundle;
        this.searcher = searcher;
        this.budget = budget;
        this.targetOptions = targetOptions;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Searches a question with no id and no known answer. */
    public Solution search(String question) {
        return search(null, question, null);
    }

    /**
     * Searches one question.
     *
     * @param id the problem's id, carried into the solution (may be null)
     * @param question the question, in the task's format (for Game of 24, four numbers such as {@code 4 9 10 13})
     * @param answer the expected answer for the verdict, or null when unknown
     * @throws IllegalArgumentException if the task does not accept the question
     * @throws IllegalStateException if this instance is closed
     */
    public Solution search(String id, String question, String answer) {
        Objects.requireNonNull(question, "question");
        if (closed) {
            throw new IllegalStateException("this Banyan is closed; build a new one to search again");
        }
        ModelUsage usage = new ModelUsage();
        SearchResult result = searcher.search(question, answer, usage);
        return new Solution(id, answer, result, EngineStats.of(usage), bundle.task(),
                targetOptions);
    }

    public Task task() {
        return bundle.task();
    }

    public AlgorithmSpec algorithm() {
        return searcher.algorithm();
    }

    public Budget budget() {
        return budget;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** Stops the search threads, and closes the models if this instance opened them. */
    @Override
    public void close() {
        closed = true;
        try {
            searcher.close();
        } finally {
            if (ownsBundle) {
                bundle.close();
            }
        }
    }

    /** Collects the settings; each setter checks its value at once, {@link #build} opens the models. */
    public static final class Builder {
        private Path model;
        private ModelBundle bundle;
        private AlgorithmSpec algorithm;
        private String device;
        private String variant;
        private String task;
        /** An algorithm chosen by name, resolved against the model's settings at {@link #build}. */
        private String algorithmName;
        private Long budgetTokens;
        private long budgetSimulations = Long.MAX_VALUE;
        private Duration timeLimit = Duration.ofMinutes(5);
        private Integer maxStepTokens;
        private int threads = 1;
        /** Simulations in flight per search thread, overriding the algorithm's setting; null: the setting. */
        private Integer inFlight;
        private boolean reference;
        private long seed;
        private TargetOptions targetOptions = TargetOptions.defaults();

        private Builder() {
        }

        /** A model directory (default: {@link ModelBundle#defaultDirectory()}); closed with the instance. */
        public Builder model(Path directory) {
            this.model = Objects.requireNonNull(directory, "directory");
            this.bundle = null;
            return this;
        }

        /** Where ONNX models run: {@code cpu}, {@code cuda} or {@code cuda:N} (default: the model's banyan.json, else cpu). */
        public Builder device(String device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /**
         * The policy's graph in its {@code onnx/} folder ({@code fp16}, {@code q4}, … or a file name; default: the
         * model's banyan.json, else the only graph there or the one at its root).
         */
        public Builder variant(String variant) {
            this.variant = Objects.requireNonNull(variant, "variant");
            return this;
        }

        /**
         * Searches the task called {@code name} (see {@link dev.banyan.search.tasks.TaskRegistry}) with its default
         * settings instead of the one the model directory's {@code banyan.json} names.
         */
        public Builder task(String name) {
            this.task = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Models built in code, instead of a directory; the caller keeps ownership and closes them. */
        public Builder bundle(ModelBundle models) {
            this.bundle = Objects.requireNonNull(models, "models");
            this.model = null;
            return this;
        }

        /**
         * An algorithm by command-line name, one of {@link AlgorithmSpec#NAMES}: its paper's settings, overridden
         * by the model's {@code banyan.json} where it has settings for it.
         */
        public Builder algorithm(String name) {
            AlgorithmSpec.parse(Objects.requireNonNull(name, "name"));
            this.algorithmName = name;
            this.algorithm = null;
            return this;
        }

        public Builder algorithm(AlgorithmSpec spec) {
            this.algorithm = Objects.requireNonNull(spec, "spec");
            this.algorithmName = null;
            return this;
        }

        /** Policy tokens per problem (default: the model's). */
        public Builder budgetTokens(long tokens) {
            this.budgetTokens = positive("budgetTokens", tokens);
            return this;
        }

        /** Simulations (MCTS) or chains (sampling baselines) per problem (default: no limit). */
        public Builder budgetSimulations(long simulations) {
            this.budgetSimulations = positive("budgetSimulations", simulations);
            return this;
        }

        /** Wall-clock limit per problem (default: 5 minutes). */
        public Builder timeLimit(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeLimit must be positive, was " + limit);
            }
            if (limit.compareTo(Budget.MAX_WALL_TIME) > 0) {
                throw new IllegalArgumentException("timeLimit must be at most " + Budget.MAX_WALL_TIME.toDays()
                        + " days, was " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /** The longest step the policy may generate (default: the model's). */
        public Builder maxStepTokens(int tokens) {
            this.maxStepTokens = (int) positive("maxStepTokens", tokens);
            return this;
        }

        /** Search threads per question (default 1; with one thread a seed makes a search reproducible). */
        public Builder threads(int count) {
            this.threads = (int) positive("threads", count);
            return this;
        }

        /**
         * Simulations each search thread keeps in flight (MCTS* only; default: the model's {@code banyan.json}
         * setting, else 1): a thread gathers this many leaves and asks the models for all of them at once, which
         * fills a batching engine's passes without more threads. With 1 a seeded single-thread search is
         * reproducible; with more, the order of visits depends on when the models answer.
         */
        public Builder inFlight(int count) {
            this.inFlight = (int) positive("inFlight", count);
            return this;
        }

        /**
         * Reference mode (default off): the architecture of the ReST-MCTS* code, to measure this one against. One
         * problem at a time, one search thread, one simulation in flight, and the ONNX models run one sequence per
         * forward pass with no KV reuse across nodes and no value cache; the algorithm and the seed are the same.
         * A given {@link #bundle} must itself have been opened in reference mode.
         */
        public Builder reference(boolean on) {
            this.reference = on;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** How training targets are extracted (default: {@link TargetOptions#defaults()}). */
        public Builder targetOptions(TargetOptions options) {
            this.targetOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Opens the model directory (unless a bundle was given) and prepares the searcher. */
        public Banyan build() {
            boolean owns = bundle == null;
            if (!owns && task != null && !task.equals(bundle.task().name())) {
                throw new IllegalArgumentException("task(\"" + task + "\") applies to a model directory; the bundle "
                        + bundle.description() + " brings its own task, " + bundle.task().name());
            }
            if (!owns && reference && !bundle.reference()) {
                throw new IllegalArgumentException("reference(true) needs a bundle opened in reference mode "
                        + "(ModelBundle.open(..., true)); " + bundle.description() + " was not");
            }
            ModelBundle models = owns
                    ? ModelBundle.open(model != null ? model : ModelBundle.defaultDirectory(), device, task, variant,
                            reference)
                    : bundle;
            try {
                SearchDefaults defaults = models.defaults();
                Budget budget = new Budget(budgetTokens != null ? budgetTokens : defaults.budgetTokens(),
                        budgetSimulations, timeLimit);
                AlgorithmSpec spec = algorithm != null ? algorithm
                        : defaults.spec(algorithmName != null ? algorithmName : defaults.algorithm());
                if (inFlight != null) {
                    if (!(spec instanceof AlgorithmSpec.MctsStar mcts)) {
                        throw new IllegalArgumentException("inFlight applies to mcts-star only; the algorithm is "
                                + spec.name());
                    }
                    spec = mcts.withInFlight(inFlight);
                }
                if (reference && spec instanceof AlgorithmSpec.MctsStar mcts) {
                    spec = mcts.withInFlight(1);
                }
                Searcher searcher = Searcher.builder()
                        .task(models.task()).policy(models.policy()).stepScorer(models.stepScorer())
                        .algorithm(spec)
                        .budget(budget)
                        .maxStepTokens(maxStepTokens != null ? maxStepTokens : defaults.maxStepTokens())
                        .threads(reference ? 1 : threads)
                        .seed(seed)
                        .build();
                return new Banyan(models, owns, searcher, budget, targetOptions);
            } catch (RuntimeException e) {
                if (owns) {
                    try {
                        models.close();
                    } catch (RuntimeException closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw e;
            }
        }

        private static long positive(String what, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be positive, was " + value);
            }
            return value;
        }
    }
}
