package dev.banyan.cli;

import picocli.CommandLine.Option;

/** {@code --parallel}: how many problems the commands that search a data set search at once. */
final class ParallelOption {
    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", converter = Converters.PositiveInt.class,
            description = "Problems searched at once. Default: ${DEFAULT-VALUE}.")
    int parallel;
}
