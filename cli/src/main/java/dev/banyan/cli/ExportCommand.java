package dev.banyan.cli;

import dev.banyan.api.records.ExportFormat;
import dev.banyan.api.records.ExportRecord;
import dev.banyan.api.records.SavedTree;
import dev.banyan.api.records.TreeLine;
import dev.banyan.search.Task;
import dev.banyan.search.targets.TrainingTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code banyan export}: training records derived again from saved trees, with no model needed. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Derives SFT, PRM or DPO training records from the trees a run saved with --export-dir.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TreesOption trees;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "sft ({prompt, completion}), prm (TRL stepwise {prompt, completions, labels, values}) "
                    + "or dpo ({prompt, chosen, rejected}).")
    ExportFormat format;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the records.")
    Path output;

    @Override
    public Integer call() {
        Outputs.requireDistinct(output, "--output", trees.file, "--trees");
        Outputs.requireFreshFile(output, "--output", false, "choose another output, or delete that file first");
        Map<List<Object>, Task> tasks = new HashMap<>();
        long written = 0;
        try (JsonlAppender out = new JsonlAppender(output)) {
            for (SavedTree tree : trees.read()) {
                TreeLine line = tree.line();
                Task task = tasks.computeIfAbsent(List.of(line.task(), line.taskSettings()),
                        key -> TreeFile.task(line.task(), line.taskSettings()));
                TrainingTargets targets = TrainingTargets.extract(tree, task, line.answer());
                for (ExportRecord record : format.records(line.id(), tree, task, targets)) {
                    out.append(record);
                    written++;
                }
            }
        }
        spec.commandLine().getErr().printf("wrote %d %s records to %s%n", written, format.key(), output);
        return 0;
    }
}
