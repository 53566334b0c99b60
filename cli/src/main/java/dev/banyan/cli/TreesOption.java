package dev.banyan.cli;

import dev.banyan.api.records.SavedTree;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code --trees}: the saved trees that {@code export} and {@code inspect} read. */
final class TreesOption {
    @Option(names = "--trees", required = true, paramLabel = "trees.jsonl",
            description = "The trees.jsonl of a run's --export-dir.")
    Path file;

    /** Every tree in the file, in its order. */
    List<SavedTree> read() {
        return TreeFile.read(file);
    }
}
