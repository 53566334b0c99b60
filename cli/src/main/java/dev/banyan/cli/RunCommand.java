package dev.banyan.cli;

import dev.banyan.search.tasks.Problem;
import dev.banyan.api.Banyan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code banyan run}: a data set, one output line per problem, written as each finishes. The output doubles
 * as the run's journal: {@code --resume} continues after the problems it already holds.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Searches every problem of a data set, writing one JSON line per problem as it finishes.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "IN",
            description = "JSON Lines of {\"id\"?, \"question\", \"answer\"?} (field names: see below), or a task's "
                    + "built-in data set NAME:SPEC (listed by 'banyan tasks').")
    String input;

    @Option(names = "--output", required = true, paramLabel = "OUT.jsonl",
            description = "Where to write one result line per problem.")
    Path output;

    @Option(names = "--export-dir", paramLabel = "DIR",
            description = "Also write trees.jsonl, sft.jsonl, prm.jsonl and dpo.jsonl here. Default: none.")
    Path exportDir;

    @Option(names = "--resume",
            description = "Continue an interrupted run: skip the ids already in the output. Default: ${DEFAULT-VALUE}.")
    boolean resume;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", converter = Converters.PositiveInt.class,
            description = "Problems searched at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Mixin
    AlgorithmOptions algorithm;

    @Mixin
    ModelOptions model;

    @Mixin
    SelectionOptions selection;

    @Mixin
    InputFields fields;

    @Override
    public Integer call() {
        List<Problem> problems = selection.select(ProblemSource.load(input, fields));
        Set<String> done = resume ? ResumableOutput.recover(output) : Set.of();
        if (!resume) {
            ResumableOutput.requireFresh(output);
        }
        List<Problem> pending = problems.stream().filter(problem -> !done.contains(problem.id())).toList();
        if (resume) {
            spec.commandLine().getErr().printf("resuming %s: %d of %d problems already done, %d to go%n",
                    output, problems.size() - pending.size(), problems.size(), pending.size());
        }
        AtomicLong solved = new AtomicLong();
        PrintWriter err = spec.commandLine().getErr();
        try (Banyan banyan = algorithm.applyTo(model.applyTo(Banyan.builder().model(model.modelDirectory()))).build();
             ExportDirectory export = exportDir == null ? null : ExportDirectory.open(exportDir, resume, done);
             JsonlAppender results = new JsonlAppender(output)) {
            err.printf("run: %d problems, %s, %d policy tokens each, model %s%n", pending.size(),
                    banyan.algorithm().name(), banyan.budget().policyTokens(), banyan.bundle().description());
            try (Progress progress = Progress.start("run", pending.size(), err)) {
                ProblemRunner.run(banyan, pending, parallel, progress, solution -> {
                    if (export != null) {
                        export.write(solution);
                    }
                    results.append(Records.result(solution));
                    if (Boolean.TRUE.equals(solution.solved())) {
                        solved.incrementAndGet();
                    }
                });
            }
        }
        err.printf("wrote %d results to %s (%d solved)%n", pending.size(), output, solved.get());
        return 0;
    }
}
