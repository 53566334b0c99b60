package dev.banyan.cli;

import picocli.CommandLine.Option;

/**
 * {@code --parallel}: how many problems the commands that search a data set search at once. The default fills the
 * engines' passes: a search has about three policy rows in flight, so sixteen searches make full batches of 32
 * rows (on the demo model, 1.7-1.9x the problems per minute of one at a time; bench/README.md).
 */
final class ParallelOption {
    @Option(names = "--parallel", paramLabel = "N", defaultValue = "16", converter = Converters.PositiveInt.class,
            description = "Problems searched at once; their rows share the models' forward passes, so results come "
                    + "in completion order. 1 searches one at a time, in input order. Default: ${DEFAULT-VALUE}.")
    int parallel;
}
