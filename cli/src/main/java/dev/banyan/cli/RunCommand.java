package dev.banyan.cli;

import dev.banyan.api.records.ResultLine;
import dev.banyan.search.tasks.Problem;
import dev.banyan.api.Banyan;
import dev.banyan.api.EngineStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code banyan run}: a data set, one output line per problem, written as each finishes. The output doubles
 * as the run's journal: {@code --resume} continues after the problems it already holds.
 *
 * <p>A problem whose search fails (a model that throws, answers NaN or does not answer in time) gets a line with
 * its {@code "error"} and {@code "solved": null}, and the run goes on; the command then exits with
 * {@link #EXIT_PROBLEMS_FAILED} and says how many failed. Such a line counts as done for {@code --resume};
 * {@code --retry-failed} searches those problems again.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Searches every problem of a data set, writing one JSON line per problem as it finishes.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOption inputOption;

    @Option(names = "--output", required = true, paramLabel = "OUT.jsonl",
            description = "Where to write one result line per problem.")
    Path output;

    @Option(names = "--export-dir", paramLabel = "DIR",
            description = "Also write trees.jsonl, sft.jsonl, prm.jsonl and dpo.jsonl here. Default: none.")
    Path exportDir;

    @Option(names = "--resume",
            description = "Continue an interrupted run: skip the ids already in the output. Default: ${DEFAULT-VALUE}.")
    boolean resume;

    @Option(names = "--retry-failed",
            description = "Resume (as --resume), and also search again the problems whose lines record a failed "
                    + "search (an \"error\"), replacing those lines. Default: ${DEFAULT-VALUE}.")
    boolean retryFailed;

    @Mixin
    ParallelOption parallelOption;

    @Mixin
    AlgorithmOptions algorithm;

    @Mixin
    ModelOptions model;

    @Mixin
    SelectionOptions selection;

    @Mixin
    InputFields fields;

    @Option(names = "--check",
            description = "Only check: read and validate the whole input, the model and the outputs, then stop "
                    + "without searching or writing anything. Default: ${DEFAULT-VALUE}.")
    boolean check;

    /** The exit code of a run that finished but whose output holds problems whose search failed. */
    static final int EXIT_PROBLEMS_FAILED = 3;

    @Override
    public Integer call() {
        resume |= retryFailed;
        PrintWriter err = spec.commandLine().getErr();
        List<Problem> problems = selection.select(ProblemSource.load(inputOption.input, fields));
        checkPaths();
        if (check) {
            checkOutputs();
            try (Banyan banyan = build()) {
                Problems.checkQuestions(banyan.task(), problems);
            }
            err.printf("check: %d problems, the model and the outputs are fine; nothing was searched or written%n",
                    problems.size());
            return 0;
        }
        try (OutputLock outputLock = OutputLock.onFile(output, "--output", "run");
             OutputLock exportLock = exportDir == null ? null : OutputLock.onDirectory(exportDir, "--export-dir", "run")) {
            checkOutputs();
            try (Banyan banyan = build()) {
                Problems.checkQuestions(banyan.task(), problems);
                return run(banyan, problems, err);
            }
        }
    }

    private Banyan build() {
        return algorithm.applyTo(model.applyTo(Banyan.builder().model(model.modelDirectory()))).build();
    }

    /** No output may be one of the inputs, or another output. */
    private void checkPaths() {
        Path inputFile = ProblemSource.inputFile(inputOption.input);
        Outputs.requireDistinct(output, "--output", inputFile, "--input");
        if (exportDir != null) {
            Outputs.requireDistinct(exportDir, "--export-dir", inputFile, "--input");
            for (Path file : ExportDirectory.files(exportDir)) {
                Outputs.requireDistinct(output, "--output", file, "the export file");
                Outputs.requireDistinct(file, "the export file", inputFile, "--input");
            }
        }
    }

    /**
     * Fresh: every output absent or empty and writable. Resuming: nothing is lost by resuming, i.e. the export
     * files do not hold records that a missing or empty output would make the resume drop.
     */
    private void checkOutputs() {
        if (!resume) {
            ResumableOutput.requireFresh(output);
            if (exportDir != null) {
                ExportDirectory.requireFresh(exportDir);
            }
            return;
        }
        Outputs.requireFreshFile(output, "--output", true, "");
        if (exportDir != null && ResumableOutput.records(output) == 0) {
            var fullest = ExportDirectory.fullest(exportDir);
            if (fullest.getValue() > 0) {
                throw new UserError("--resume: the output " + output + (Files.exists(output) ? " is empty" : " does not exist")
                        + ", but " + fullest.getKey() + " holds " + fullest.getValue() + " records of an earlier run, "
                        + "which resuming would drop. Pass the --output that run wrote to continue it, or start "
                        + "a new run without --resume into another --export-dir.");
            }
        }
    }

    private int run(Banyan banyan, List<Problem> problems, PrintWriter err) {
        if (retryFailed) {
            int dropped = ResumableOutput.dropFailed(output);
            err.printf("--retry-failed: %d failed problems of %s will be searched again%n", dropped, output);
        }
        Set<String> done = resume ? ResumableOutput.recover(output) : Set.of();
        Set<String> failedBefore = resume ? ResumableOutput.failed(output) : Set.of();
        List<Problem> pending = problems.stream().filter(problem -> !done.contains(problem.id())).toList();
        if (resume) {
            err.printf("resuming %s: %d of %d problems already done, %d to go%n",
                    output, problems.size() - pending.size(), problems.size(), pending.size());
        }
        AtomicLong solved = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        String algorithmName = banyan.algorithm().name();
        EngineStats before = banyan.bundle().engineStats();
        long startNanos = System.nanoTime();
        try (ExportDirectory export = exportDir == null ? null : ExportDirectory.open(exportDir, resume, done, err);
             JsonlAppender results = new JsonlAppender(output)) {
            err.printf("run: %d problems, %s, %d policy tokens each, model %s%n", pending.size(),
                    banyan.algorithm().name(), banyan.budget().policyTokens(), banyan.bundle().description());
            try (Progress progress = Progress.start("run", pending.size(), err)) {
                ProblemRunner.run(banyan, pending, model.reference ? 1 : parallelOption.parallel, progress, solution -> {
                    if (export != null) {
                        export.write(solution);
                    }
                    results.append(ResultLine.of(solution));
                    if (Boolean.TRUE.equals(solution.solved())) {
                        solved.incrementAndGet();
                    }
                }, (problem, cause) -> {
                    // No export records: a failed search has no tree. The line is the problem's journal entry.
                    results.append(ResultLine.failure(problem.id(), problem.question(), problem.answer(),
                            ProblemFailure.describe(cause), algorithmName));
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, problem.id() + ": " + ProblemFailure.describe(cause));
                });
            }
        }
        err.printf("wrote %d results to %s (%d solved, %d failed)%n", pending.size(), output, solved.get(), failed.get());
        printThroughput(err, banyan.bundle().engineStats().minus(before), pending.size(), startNanos);
        long failedInOutput = failed.get() + failedBefore.size();
        if (failedInOutput == 0) {
            return 0;
        }
        if (failed.get() > 0) {
            err.printf("%d problems failed; their lines carry the \"error\" (the first: %s)%n", failed.get(),
                    firstFailure.get());
        }
        if (!failedBefore.isEmpty()) {
            err.printf("%d problems had failed in the earlier run and were not searched again%n", failedBefore.size());
        }
        err.printf("exit code %d: %s holds %d failed problems; run again with --retry-failed to search them again%n",
                EXIT_PROBLEMS_FAILED, output, failedInOutput);
        return EXIT_PROBLEMS_FAILED;
    }

    /** Wall time, problems per minute, and each engine's passes, rows per pass and policy tokens per second. */
    private static void printThroughput(PrintWriter err, EngineStats engines, int problems, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        err.printf(Locale.ROOT, "%.1f s, %.1f problems/min", seconds, problems / Math.max(seconds, 1e-9) * 60);
        if (engines.policyPasses() > 0 || engines.prmPasses() > 0) {
            err.printf(Locale.ROOT, "; policy: %d passes, %.1f rows/pass, %.0f tokens/s; prm: %d passes, %.1f rows/pass",
                    engines.policyPasses(), engines.policyRowsPerPass(), engines.policyTokens() / Math.max(seconds, 1e-9),
                    engines.prmPasses(), engines.prmRowsPerPass());
        }
        err.println();
    }
}
