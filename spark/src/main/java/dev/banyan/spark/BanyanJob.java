package dev.banyan.spark;

import dev.banyan.api.Banyan;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * Banyan as a Spark job: searches every problem of a data set on the executors and writes each problem's results
 * line and its export records (trees, SFT, PRM, DPO) to an output directory, as JSON Lines or Parquet.
 *
 * <pre>{@code
 * JobSummary summary = BanyanJob.builder()
 *         .input("s3a://bucket/problems.parquet")
 *         .output("s3a://bucket/banyan-out")
 *         .model("game24")                      // a directory on every executor, or shipped with --archives
 *         .budgetTokens(2000).seed(1)
 *         .format(BanyanJob.Format.PARQUET)
 *         .build()
 *         .run(spark);
 * }</pre>
 *
 * <p>The problems are split into partitions, and each task searches its partition with the engine its executor
 * holds ({@link Engines}: one per executor JVM and model, shared by the executor's concurrent tasks), on the GPU
 * Spark assigned the task if any. Each problem's lines go to the output's journal as it finishes, so a run that is
 * killed keeps what it did: running the job again on the same output skips the problems already done and
 * searches the rest. A search that fails becomes a results line with its {@code error}, as in {@code banyan run};
 * {@link Builder#retryFailed} searches those again. At the end of each run the output's {@code results} and
 * {@code export} folders are rebuilt from the journal, partitioned by a hash bucket of the problem's id
 * ({@link OutputLayout}, {@link Consolidation}). With the same seed and one search thread, each problem's results
 * line is the one the single-machine {@code banyan run} writes, but for its timings and the engine counters.
 *
 * <p>From the command line, {@code spark-submit --class dev.banyan.spark.BanyanJob banyan-spark.jar --help}
 * lists the options ({@link JobCommand}).
 */
public final class BanyanJob {
    /** The format of the output's {@code results} and {@code export} folders (the journal is always JSON Lines). */
    public enum Format {
        /** The lines as {@code banyan run} writes them, one JSON object per line. */
        JSONL,
        /** One column per field, nested as in the JSON lines. */
        PARQUET
    }

    /** The driver's settings, as the builder had them when built. */
    private record Options(String input, String inputFormat, ProblemInput.Fields fields, String output, Format format,
                           Set<Export> exports, int buckets, Integer partitions, int parallel, boolean retryFailed,
                           PrintStream log) {
    }

    private final Options settings;
    private final SearchSettings search;

    private BanyanJob(Options settings, SearchSettings search) {
        this.settings = settings;
        this.search = search;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Entry point for {@code spark-submit}; see {@link JobCommand} for the options. */
    public static void main(String[] args) {
        System.exit(JobCommand.execute(args));
    }

    /**
     * Runs the job on {@code spark}: searches the input's problems that the output does not hold yet, then rebuilds
     * the output's folders.
     *
     * @throws IllegalArgumentException for a bad input (a missing column, a row without id or question, duplicate
     *                                  ids) or an output written with other settings
     * @throws IllegalStateException if {@code spark.speculation} is on
     */
    public JobSummary run(SparkSession spark) {
        if (spark.sparkContext().getConf().getBoolean("spark.speculation", false)) {
            throw new IllegalStateException("spark.speculation is on: a speculative copy of a task would search its "
                    + "problems a second time; run this job with --conf spark.speculation=false");
        }
        PrintStream log = settings.log();
        FileSystem fs;
        OutputLayout layout;
        try {
            Path given = new Path(settings.output());
            fs = SearchPartition.journalFileSystem(given, spark.sparkContext().hadoopConfiguration());
            layout = new OutputLayout(fs.makeQualified(given).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the output " + settings.output() + ": " + e.getMessage(), e);
        }
        Map<String, Object> recorded = new LinkedHashMap<>(search.resultDefining());
        recorded.put("exports", settings.exports().stream().map(Export::key).toList());
        String runId = OutputLayout.newRunId();
        Journal journal = new Journal(spark, fs, layout);

        ProblemInput.Loaded input = ProblemInput.load(spark, settings.input(), settings.inputFormat(),
                settings.fields());
        Dataset<Row> problems = input.problems();
        try {
            long total = input.count();
            SettingsRecord.check(fs, layout.settingsFile(), recorded);
            Set<String> done = journal.done(settings.retryFailed());
            Broadcast<Set<String>> doneIds = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(done);
            Dataset<Row> pending = problems.filter(
                    (FilterFunction<Row>) row -> !doneIds.value().contains(row.getString(0)));
            long toSearch = pending.count();
            long alreadyDone = total - toSearch;
            log.printf(Locale.ROOT, "banyan: %d problems in %s; %d already in %s; %d to search (run %s)%n", total,
                    settings.input(), alreadyDone, layout.root(), toSearch, runId);
            long searched = 0;
            long solved = 0;
            long failed = 0;
            if (toSearch > 0) {
                int partitions = settings.partitions() != null ? settings.partitions()
                        : (int) Math.min(toSearch, 4L * spark.sparkContext().defaultParallelism());
                Broadcast<SerializableConfiguration> hadoop = SerializableConfiguration.broadcast(spark.sparkContext());
                spark.sparkContext().setJobDescription("banyan: searching " + toSearch + " problems");
                long started = System.nanoTime();
                List<Row> summaries = pending.repartition(partitions, col("id"))
                        .mapPartitions(new SearchPartition(search, layout, runId, settings.exports(), settings.parallel(),
                                hadoop), Encoders.row(SearchPartition.SUMMARY))
                        .collectAsList();
                for (Row summary : summaries) {
                    searched += summary.getLong(1);
                    solved += summary.getLong(2);
                    failed += summary.getLong(3);
                }
                log.printf(Locale.ROOT, "banyan: searched %d problems in %d partitions in %.1f s: %d solved, %d failed%n",
                        searched, partitions, (System.nanoTime() - started) / 1e9, solved, failed);
            }
            long consolidating = System.nanoTime();
            Consolidation.Totals totals = new Consolidation(spark, journal, layout)
                    .write(settings.format() == Format.PARQUET, settings.exports(), settings.buckets());
            spark.sparkContext().setJobDescription(null);
            log.printf(Locale.ROOT, "banyan: %s holds %d problems (%d failed), written as %s in %.1f s%n", layout.root(),
                    totals.problems(), totals.failed(), settings.format().name().toLowerCase(Locale.ROOT),
                    (System.nanoTime() - consolidating) / 1e9);
            return new JobSummary(layout.root().toString(), runId, total, alreadyDone, searched, solved, failed,
                    totals.problems(), totals.failed());
        } finally {
            problems.unpersist();
        }
    }

    /** The job's settings; each setter checks its value at once. Input, output and model are required. */
    public static final class Builder {
        private String input;
        private String inputFormat;
        private ProblemInput.Fields fields = ProblemInput.Fields.DEFAULT;
        private String output;
        private Format format = Format.JSONL;
        private EnumSet<Export> exports = EnumSet.allOf(Export.class);
        private int buckets = 10;
        private Integer partitions;
        private int parallel = 1;
        private boolean retryFailed;
        private String model;
        private String task;
        private String variant;
        private String device;
        private String algorithm;
        private Long budgetTokens;
        private Long budgetSimulations;
        private Duration timeLimit = Duration.ofMinutes(5);
        private Integer maxStepTokens;
        private long seed;
        private int threads = 1;
        private Integer inFlight;
        private PrintStream log = System.err;
        /** Checks the search settings as the API's builder does, so that both refuse the same values alike. */
        private final Banyan.Builder searchChecks = Banyan.builder();

        private Builder() {
        }

        /**
         * The problems: a JSON Lines or Parquet file or folder (any path Spark reads), or a task's built-in data
         * set such as {@code game24:1-40}.
         */
        public Builder input(String path) {
            this.input = Objects.requireNonNull(path, "path");
            return this;
        }

        /** {@code jsonl} or {@code parquet} (default: parquet for a name ending {@code .parquet} or {@code .pq}). */
        public Builder inputFormat(String format) {
            String name = Objects.requireNonNull(format, "format").toLowerCase(Locale.ROOT);
            if (!name.equals("jsonl") && !name.equals("parquet")) {
                throw new IllegalArgumentException("inputFormat must be jsonl or parquet, was " + format);
            }
            this.inputFormat = name;
            return this;
        }

        /**
         * The input's columns holding the id, the question and the expected answer (default {@code id},
         * {@code question}, {@code answer}; without an answer column the answers are unknown, unless one is named
         * here).
         */
        public Builder fields(String id, String question, String answer) {
            this.fields = new ProblemInput.Fields(nonBlank("id", id), nonBlank("question", question),
                    nonBlank("answer", answer), !answer.equals("answer"));
            return this;
        }

        /** The output directory (any path Spark writes); a later run on it continues this one. */
        public Builder output(String path) {
            this.output = Objects.requireNonNull(path, "path");
            return this;
        }

        /** The format of the output's {@code results} and {@code export} folders (default JSON Lines). */
        public Builder format(Format format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Which exports to write, of {@code trees}, {@code sft}, {@code prm} and {@code dpo} (default all); none
         * for results lines only.
         */
        public Builder exports(List<String> names) {
            EnumSet<Export> chosen = EnumSet.noneOf(Export.class);
            for (String name : names) {
                chosen.add(Export.named(name));
            }
            this.exports = chosen;
            return this;
        }

        /** Hash buckets of the problem ids the output folders are partitioned into (default 10). */
        public Builder buckets(int count) {
            this.buckets = (int) positive("buckets", count);
            return this;
        }

        /** Partitions the problems to search are split into (default: four per default parallelism). */
        public Builder partitions(int count) {
            this.partitions = (int) positive("partitions", count);
            return this;
        }

        /** Problems each task searches at once (default 1): more rows for a GPU engine's batches. */
        public Builder parallel(int count) {
            this.parallel = (int) positive("parallel", count);
            return this;
        }

        /** Search again the problems whose lines record a failed search (default: they count as done). */
        public Builder retryFailed(boolean on) {
            this.retryFailed = on;
            return this;
        }

        /**
         * The model directory (holding a {@code banyan.json}) as executors see it: a path on every executor, or the
         * name of a directory shipped with {@code --archives} or {@code --files}.
         */
        public Builder model(String directory) {
            this.model = nonBlank("model", directory);
            return this;
        }

        /** Search this task instead of the one the model's {@code banyan.json} names. */
        public Builder task(String name) {
            this.task = nonBlank("task", name);
            return this;
        }

        /** The policy's graph in its {@code onnx/} folder ({@code fp16}, {@code q4}, … or a file name). */
        public Builder variant(String name) {
            this.variant = nonBlank("variant", name);
            return this;
        }

        /**
         * {@code cpu}, {@code cuda} or {@code cuda:N} for every task (default: the task's GPU when Spark assigned
         * it one, else the model's setting, else cpu).
         */
        public Builder device(String device) {
            this.device = nonBlank("device", device);
            return this;
        }

        /** One of {@link dev.banyan.search.AlgorithmSpec#NAMES} (default: the model's). */
        public Builder algorithm(String name) {
            searchChecks.algorithm(name);
            this.algorithm = name;
            return this;
        }

        public Builder budgetTokens(long tokens) {
            searchChecks.budgetTokens(tokens);
            this.budgetTokens = tokens;
            return this;
        }

        public Builder budgetSimulations(long simulations) {
            searchChecks.budgetSimulations(simulations);
            this.budgetSimulations = simulations;
            return this;
        }

        /** Wall-clock limit per problem (default 5 minutes). */
        public Builder timeLimit(Duration limit) {
            searchChecks.timeLimit(limit);
            this.timeLimit = limit;
            return this;
        }

        public Builder maxStepTokens(int tokens) {
            searchChecks.maxStepTokens(tokens);
            this.maxStepTokens = tokens;
            return this;
        }

        /** The search's seed (default 0): with one search thread, the same seed gives the same results line. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Search threads per problem (default 1). */
        public Builder threads(int count) {
            searchChecks.threads(count);
            this.threads = count;
            return this;
        }

        /** Simulations in flight per search thread (MCTS* only; default: the model's). */
        public Builder inFlight(int count) {
            searchChecks.inFlight(count);
            this.inFlight = count;
            return this;
        }

        /** Where the driver's progress lines go (default standard error). */
        public Builder log(PrintStream out) {
            this.log = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Checks that the input, the output and the model are given. */
        public BanyanJob build() {
            List<String> missing = new ArrayList<>();
            if (input == null) {
                missing.add("input");
            }
            if (output == null) {
                missing.add("output");
            }
            if (model == null) {
                missing.add("model");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("missing " + String.join(", ", missing));
            }
            Options options = new Options(input, inputFormat, fields, output, format,
                    Collections.unmodifiableSet(EnumSet.copyOf(exports)), buckets, partitions, parallel, retryFailed, log);
            return new BanyanJob(options, new SearchSettings(model, task, variant, device, algorithm, budgetTokens,
                    budgetSimulations, timeLimit, maxStepTokens, seed, threads, inFlight));
        }

        private static String nonBlank(String what, String value) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }

        private static long positive(String what, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be positive, was " + value);
            }
            return value;
        }
    }
}
