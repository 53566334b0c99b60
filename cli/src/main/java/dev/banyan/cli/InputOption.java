package dev.banyan.cli;

import picocli.CommandLine.Option;

/** {@code --input}: the one data set that {@code run} and {@code compare} search ({@code evaluate} takes several). */
final class InputOption {
    @Option(names = "--input", required = true, paramLabel = "IN",
            description = "JSON Lines of {\"id\"?, \"question\", \"answer\"?} (field names: see below), or a task's "
                    + "built-in data set NAME:SPEC (listed by 'banyan tasks').")
    String input;
}
