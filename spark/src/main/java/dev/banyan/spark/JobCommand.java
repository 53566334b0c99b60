package dev.banyan.spark;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// The search options restate the CLI's: this module must not depend on banyan-cli, and api and search have no picocli.
/**
 * The job's command line, as {@code spark-submit} passes it: the options of {@code banyan run} that make sense on a
 * cluster, and the output's format, exports, buckets and partitions. Exit codes as {@code banyan run}: 0 done, 1
 * failed, 2 usage error, 3 done but the output holds problems whose search failed.
 */
@Command(name = "banyan-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Searches every problem of a data set on a Spark cluster, writing each problem's results line "
                + "and its trees and training records. Running it again on the same --output continues it.")
final class JobCommand implements Callable<Integer> {
    static final int EXIT_PROBLEMS_FAILED = 3;

    @Option(names = "--input", required = true, paramLabel = "IN",
            description = "JSON Lines or Parquet (file or folder, any path Spark reads) with an id, a question and "
                    + "optionally an expected answer per row; or a task's built-in data set such as game24:1-100.")
    String input;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "jsonl or parquet. Default: parquet for a name ending .parquet or .pq, else jsonl.")
    String inputFormat;

    @Option(names = "--id-field", paramLabel = "NAME", defaultValue = "id",
            description = "The input column holding each problem's unique id (text or whole numbers). "
                    + "Default: ${DEFAULT-VALUE}.")
    String idField;

    @Option(names = "--question-field", paramLabel = "NAME", defaultValue = "question",
            description = "The input column holding the question. Default: ${DEFAULT-VALUE}.")
    String questionField;

    @Option(names = "--answer-field", paramLabel = "NAME", defaultValue = "answer",
            description = "The input column holding the expected answer; without one the answers are unknown. "
                    + "Default: ${DEFAULT-VALUE}.")
    String answerField;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "The output directory (any path Spark writes): results/, export/{trees,sft,prm,dpo}/, and "
                    + "the journal _journal/. A later run on it searches only the problems it lacks.")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "Format of results/ and export/: jsonl or parquet. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--exports", paramLabel = "LIST", split = ",", defaultValue = "trees,sft,prm,dpo",
            description = "Exports to write: any of trees, sft, prm, dpo, or none. Default: ${DEFAULT-VALUE}.")
    List<String> exports;

    @Option(names = "--buckets", paramLabel = "N", defaultValue = "10",
            description = "Hash buckets of the problem ids that results/ and export/ are partitioned into "
                    + "(bucket=0..N-1). Default: ${DEFAULT-VALUE}.")
    int buckets;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions (tasks) the problems to search are split into. Default: four per default "
                    + "parallelism, at most one per problem.")
    Integer partitions;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Problems each task searches at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--retry-failed",
            description = "Also search again the problems whose lines record a failed search. Default: off.")
    boolean retryFailed;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Model directory holding a banyan.json, as the executors see it: a path on every executor, "
                    + "or the name of a directory shipped with --archives (e.g. --archives game24.tgz#game24).")
    String model;

    @Option(names = "--task", paramLabel = "NAME",
            description = "Search this task instead of the one the model's banyan.json names.")
    String task;

    @Option(names = "--variant", paramLabel = "NAME",
            description = "The policy's graph in its onnx/ folder: fp32, fp16, q4, ... or a file name.")
    String variant;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "cpu, cuda or cuda:N for every task. Default: the GPU Spark assigned the task "
                    + "(spark.task.resource.gpu.amount), else the model's banyan.json setting, else cpu.")
    String device;

    @Option(names = "--algorithm", paramLabel = "NAME",
            description = "Search algorithm: greedy, self-consistency, best-of-n, beam, dvts, mcts-star, eta-mcts or "
                    + "ab-mcts. Default: the model's banyan.json setting, else mcts-star.")
    String algorithm;

    @Option(names = "--budget-tokens", paramLabel = "N",
            description = "Policy tokens per problem. Default: the model's banyan.json setting, else 2000.")
    Long budgetTokens;

    @Option(names = "--budget-simulations", paramLabel = "N",
            description = "Most simulations (MCTS) or sampled chains per problem. Default: no limit.")
    Long budgetSimulations;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "5m", converter = DurationValue.class,
            description = "Wall-clock limit per problem, e.g. 30s, 5m, 1h. Default: ${DEFAULT-VALUE}.")
    Duration timeLimit;

    @Option(names = "--max-step-tokens", paramLabel = "N",
            description = "Longest step the policy may generate. Default: the model's banyan.json setting, else 64.")
    Integer maxStepTokens;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the search; with one search thread each problem's results line is reproducible. "
                    + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Search threads per problem. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--in-flight", paramLabel = "N",
            description = "Simulations each search thread keeps in flight (mcts-star). Default: the model's "
                    + "banyan.json setting, else 1.")
    Integer inFlight;

    /** The job as these options describe it; a bad value throws {@link IllegalArgumentException} naming it. */
    BanyanJob job() {
        BanyanJob.Builder builder = BanyanJob.builder()
                .input(input).output(output).model(model)
                .fields(idField, questionField, answerField)
                .format(parseFormat(format))
                .exports(exports.size() == 1 && exports.get(0).strip().equalsIgnoreCase("none") ? List.of() : exports)
                .buckets(buckets).parallel(parallel).retryFailed(retryFailed)
                .timeLimit(timeLimit).seed(seed).threads(threads);
        // Unset options leave the job builder's defaults, as SearchSettings.applyTo does on the API's: no common type.
        if (inputFormat != null) {
            builder.inputFormat(inputFormat);
        }
        if (partitions != null) {
            builder.partitions(partitions);
        }
        if (task != null) {
            builder.task(task);
        }
        if (variant != null) {
            builder.variant(variant);
        }
        if (device != null) {
            builder.device(device);
        }
        if (algorithm != null) {
            builder.algorithm(algorithm);
        }
        if (budgetTokens != null) {
            builder.budgetTokens(budgetTokens);
        }
        if (budgetSimulations != null) {
            builder.budgetSimulations(budgetSimulations);
        }
        if (maxStepTokens != null) {
            builder.maxStepTokens(maxStepTokens);
        }
        if (inFlight != null) {
            builder.inFlight(inFlight);
        }
        return builder.build();
    }

    @Override
    public Integer call() {
        BanyanJob job = job();
        SparkSession spark = SparkSession.builder().appName("banyan").getOrCreate();
        try {
            JobSummary summary = job.run(spark);
            if (summary.failedInOutput() > 0) {
                System.err.printf(Locale.ROOT, "banyan: %d problems of the output failed; their lines carry the "
                        + "\"error\"; run again with --retry-failed to search them again%n", summary.failedInOutput());
                return EXIT_PROBLEMS_FAILED;
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Parses and runs; usage errors are reported before any Spark session starts. */
    static int execute(String[] args) {
        CommandLine commandLine = new CommandLine(new JobCommand());
        commandLine.setParameterExceptionHandler((ex, given) -> {
            ex.getCommandLine().getErr().println("banyan-spark: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'banyan-spark --help' for more information.");
            return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            boolean userFacing = ex instanceof IllegalArgumentException || ex instanceof IllegalStateException;
            failed.getErr().println("banyan-spark: " + (userFacing ? ex.getMessage() : "failed: " + ex));
            if (!userFacing) {
                ex.printStackTrace(failed.getErr());
            }
            return 1;
        });
        return commandLine.execute(args);
    }

    private static BanyanJob.Format parseFormat(String name) {
        try {
            return BanyanJob.Format.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be jsonl or parquet, was " + name);
        }
    }

    // The CLI's Converters.DurationValue again, for the reason above the class; the API's builder checks the range.
    /** A duration such as {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT1M30S}. */
    static final class DurationValue implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher matcher = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
            try {
                if (matcher.matches()) {
                    long amount = Long.parseLong(matcher.group(1));
                    return switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    };
                }
                return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 5m, 1h or PT1M30S");
            }
        }
    }
}
