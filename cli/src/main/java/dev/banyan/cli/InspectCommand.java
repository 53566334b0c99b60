package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import dev.banyan.api.records.SavedTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code banyan inspect}: one saved tree as a self-contained HTML page to open in a browser. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes one saved search tree as a self-contained HTML viewer (no network needed).")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TreesOption trees;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The problem whose tree to show.")
    String id;

    @Option(names = "--html", required = true, paramLabel = "FILE", description = "Where to write the HTML page.")
    Path html;

    @Option(names = "--force", description = "Replace FILE if it already exists. Default: ${DEFAULT-VALUE}.")
    boolean force;

    @Override
    public Integer call() {
        Outputs.requireDistinct(html, "--html", trees.file, "--trees");
        Outputs.requireFreshFile(html, "--html", force, "pass --force to replace it, or choose another file");
        List<SavedTree> saved = trees.read();
        SavedTree tree = saved.stream().filter(candidate -> candidate.line().id().equals(id)).findFirst()
                .orElseThrow(() -> new UserError(trees.file + " has no tree with id \"" + id + "\"; it has "
                        + saved.size() + " trees, e.g. " + saved.stream().limit(5).map(t -> "\"" + t.line().id() + "\"")
                        .collect(Collectors.joining(", "))));
        TreeHtml.write(JsonRecords.MAPPER.valueToTree(tree.line()), html);
        spec.commandLine().getErr().printf("wrote the tree of %s (%d nodes) to %s%n", id, tree.line().nodes().size(),
                html);
        return 0;
    }
}
