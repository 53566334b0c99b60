package dev.banyan.cli;

import picocli.CommandLine.Option;

/** {@code --seed}: the policy's sampling seed, for the commands that search with one model or with several. */
final class SeedOption {
    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the policy's sampling; with one search thread a run is reproducible. "
                    + "Default: ${DEFAULT-VALUE}.")
    long seed;
}
