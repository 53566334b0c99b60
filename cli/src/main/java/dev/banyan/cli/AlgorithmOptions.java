package dev.banyan.cli;

import dev.banyan.api.Banyan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The algorithm and token budget of commands that run one configuration. Given on the command line they win;
 * otherwise the model's {@code banyan.json} decides, and the built-in defaults only where it is silent.
 */
final class AlgorithmOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "mcts-star",
            converter = Converters.AlgorithmName.class,
            description = "Search algorithm: greedy, self-consistency, best-of-n, beam, dvts, mcts-star, eta-mcts or ab-mcts. "
                    + "Default: the model's banyan.json setting, else ${DEFAULT-VALUE}.")
    String algorithm;

    @Option(names = "--budget-tokens", paramLabel = "N", defaultValue = "2000",
            converter = Converters.PositiveLong.class,
            description = "Policy tokens per problem. Default: the model's banyan.json setting, else ${DEFAULT-VALUE}.")
    long budgetTokens;

    @Option(names = "--in-flight", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Simulations each search thread keeps in flight (mcts-star): it gathers N leaves, then asks "
                    + "the models for all of them at once, filling the engines' batches without more threads. "
                    + "Default: the model's banyan.json setting, else 1.")
    Integer inFlight;

    Banyan.Builder applyTo(Banyan.Builder builder) {
        ParseResult parsed = command.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--algorithm")) {
            builder.algorithm(algorithm);
        }
        if (parsed.hasMatchedOption("--budget-tokens")) {
            builder.budgetTokens(budgetTokens);
        }
        if (inFlight != null) {
            builder.inFlight(inFlight);
        }
        return builder;
    }
}
