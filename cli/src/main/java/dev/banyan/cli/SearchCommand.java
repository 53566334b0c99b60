package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import dev.banyan.api.records.ResultLine;
import dev.banyan.api.records.TreeLine;
import dev.banyan.api.Banyan;
import dev.banyan.api.Solution;
import dev.banyan.search.SearchStats;
import dev.banyan.search.TraceStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code banyan search QUESTION}: one problem, printed for a reader or as one JSON object. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Searches one problem and prints the answer, the chosen trace and what the search spent.")
final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "QUESTION", arity = "1..*",
            description = "The question in the task's format, e.g. 4 9 10 13 for Game of 24 "
                    + "(several words are joined by spaces).")
    List<String> words;

    @Mixin
    AlgorithmOptions algorithm;

    @Mixin
    ModelOptions model;

    @Option(names = "--answer", paramLabel = "TEXT",
            description = "The expected answer, for the verdict (Game of 24 needs none). Default: none.")
    String expected;

    @Option(names = "--id", paramLabel = "ID", defaultValue = "1",
            description = "The id written in the JSON output. Default: ${DEFAULT-VALUE}.")
    String id;

    @Option(names = "--json", description = "Print one JSON object instead of text. Default: ${DEFAULT-VALUE}.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the searched tree as a self-contained HTML viewer. Default: none.")
    Path html;

    @Option(names = "--force", description = "Replace the --html file if it already exists. Default: ${DEFAULT-VALUE}.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        String question = String.join(" ", words);
        if (html != null) {
            Outputs.requireFreshFile(html, "--html", force, "pass --force to replace it, or choose another file");
        }
        Solution solution;
        try (Banyan banyan = algorithm.applyTo(model.applyTo(Banyan.builder().model(model.modelDirectory()))).build()) {
            solution = banyan.search(id, question, expected);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonRecords.line(ResultLine.of(solution)));
        } else {
            print(solution, out);
        }
        if (html != null) {
            TreeHtml.write(JsonRecords.MAPPER.valueToTree(TreeLine.of(solution)), html);
        }
        return 0;
    }

    private static void print(Solution solution, PrintWriter out) {
        out.println("question: " + solution.question());
        int number = 1;
        for (TraceStep step : solution.result().trace()) {
            out.printf("  %2d. %-48s V %.3f%n", number++, step.text(), step.value());
        }
        out.println("answer:   " + solution.answer().orElse("(none)"));
        Boolean solved = solution.solved();
        out.println("solved:   " + (solved == null ? "unknown" : solved ? "yes" : "no"));
        SearchStats stats = solution.result().stats();
        out.printf("spent:    %d policy tokens, %d PRM tokens, %d simulations, %d nodes, %d ms (%s)%n",
                stats.policyTokens(), stats.prmTokens(), stats.simulations(), stats.nodes(), stats.wallMillis(),
                solution.result().algorithm());
    }
}
