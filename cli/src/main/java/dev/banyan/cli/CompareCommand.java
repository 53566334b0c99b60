package dev.banyan.cli;

import dev.banyan.search.tasks.Problem;
import dev.banyan.api.Banyan;
import dev.banyan.api.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code banyan compare}: every algorithm at every budget on the same problems, as a table and a chart. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs each algorithm at each token budget on the same problems and writes compare.csv, "
                + "compare.md and compare.png (success rate against policy tokens).")
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOption inputOption;

    @Option(names = "--algorithms", required = true, split = ",", paramLabel = "NAME",
            converter = Converters.AlgorithmName.class,
            description = "Algorithms to compare, comma-separated: greedy, self-consistency, best-of-n, beam, dvts, "
                    + "mcts-star, eta-mcts, ab-mcts.")
    List<String> algorithms;

    @Option(names = "--budgets", required = true, split = ",", paramLabel = "N",
            converter = Converters.PositiveLong.class,
            description = "Policy-token budgets per problem, comma-separated, e.g. 500,1000,2000.")
    List<Long> budgets;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR",
            description = "Where to write compare.csv, compare.md and compare.png.")
    Path outputDir;

    @Mixin
    ParallelOption parallelOption;

    @Mixin
    ModelOptions model;

    @Mixin
    SelectionOptions selection;

    @Mixin
    InputFields fields;

    @Option(names = "--force", description = "Replace the results of an earlier comparison in DIR. "
            + "Default: ${DEFAULT-VALUE}.")
    boolean force;

    @Override
    public Integer call() {
        List<Problem> problems = selection.select(ProblemSource.load(inputOption.input, fields));
        Path inputFile = ProblemSource.inputFile(inputOption.input);
        for (String name : CompareReport.fileNames()) {
            Path file = outputDir.resolve(name);
            Outputs.requireDistinct(file, "the output", inputFile, "--input");
            Outputs.requireFreshFile(file, "--output-dir file", force,
                    "pass --force to replace that comparison, or choose another --output-dir");
        }
        try (OutputLock lock = OutputLock.onDirectory(outputDir, "--output-dir", "compare")) {
            return compare(problems);
        }
    }

    private int compare(List<Problem> problems) {
        List<CompareCell> cells = new ArrayList<>();
        String taskName;
        try (ModelBundle models = model.openModel()) {
            Problems.checkQuestions(models.task(), problems);
            taskName = models.task().name();
            spec.commandLine().getErr().printf("compare: %d problems, %d algorithms x %d budgets, model %s%n",
                    problems.size(), algorithms.size(), budgets.size(), models.description());
            for (String algorithm : algorithms) {
                for (long budget : budgets) {
                    cells.add(runCell(models, problems, algorithm, budget));
                }
            }
        }
        String title = taskName + ": success rate against policy tokens (" + problems.size() + " problems)";
        CompareReport.write(outputDir, title, cells);
        spec.commandLine().getOut().print(CompareReport.markdown(title, cells));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private CompareCell runCell(ModelBundle models, List<Problem> problems, String algorithm, long budget) {
        AtomicLong solved = new AtomicLong();
        AtomicLong tokens = new AtomicLong();
        AtomicLong millis = new AtomicLong();
        AtomicLong nodes = new AtomicLong();
        AtomicLong terminals = new AtomicLong();
        AtomicLong depth = new AtomicLong();
        AtomicLong rootWidth = new AtomicLong();
        AtomicLong holdingRight = new AtomicLong();
        try (Banyan banyan = model.applyTo(Banyan.builder().bundle(models)).algorithm(algorithm).budgetTokens(budget)
                .build();
             Progress progress = Progress.start(algorithm + " @ " + budget, problems.size(), spec.commandLine().getErr())) {
            ProblemRunner.run(banyan, problems, model.reference ? 1 : parallelOption.parallel, progress, solution -> {
                if (Boolean.TRUE.equals(solution.solved())) {
                    solved.incrementAndGet();
                }
                tokens.addAndGet(solution.result().stats().policyTokens());
                millis.addAndGet(solution.result().stats().wallMillis());
                TreeShape shape = TreeShape.of(solution.result().tree(), solution.task().verifier(), solution.groundTruth());
                nodes.addAndGet(shape.nodes());
                terminals.addAndGet(shape.terminals());
                depth.addAndGet(shape.maxDepth());
                rootWidth.addAndGet(shape.rootWidth());
                if (shape.holdsRight()) {
                    holdingRight.incrementAndGet();
                }
            });
        }
        return new CompareCell(algorithm, budget, solved.get(), problems.size(), tokens.get(), millis.get(),
                nodes.get(), terminals.get(), depth.get(), rootWidth.get(), holdingRight.get());
    }
}
