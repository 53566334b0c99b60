package dev.banyan.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --time-limit}: the limit of each search, for the commands that search with one model or several. */
final class TimeLimitOption {
    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "5m",
            converter = Converters.DurationValue.class,
            description = "Wall-clock limit of each search of a problem, e.g. 30s, 5m, 1h. Default: ${DEFAULT-VALUE}.")
    Duration timeLimit;
}
