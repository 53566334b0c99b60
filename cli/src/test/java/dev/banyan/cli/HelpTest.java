package dev.banyan.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"search", "run", "compare", "evaluate", "export", "inspect", "grade", "tasks"})
    void everyOptionalOptionStatesItsDefault(String command) {
        CommandLine subcommand = new CommandLine(new BanyanCommand()).getSubcommands().get(command);
        for (OptionSpec option : subcommand.getCommandSpec().options()) {
            if (option.required() || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            assertThat(String.join(" ", option.description())).as(command + " " + option.longestName())
                    .contains("Default:");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"search", "run", "compare", "evaluate", "export", "inspect", "grade", "tasks"})
    void helpPrintsEveryOptionAndFillsInDefaults(String command) {
        Cli.Result result = Cli.run(command, "--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: banyan " + command).doesNotContain("${DEFAULT-VALUE}");
        CommandLine subcommand = new CommandLine(new BanyanCommand()).getSubcommands().get(command);
        for (OptionSpec option : subcommand.getCommandSpec().options()) {
            assertThat(result.out()).contains(option.longestName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"search", "run"})
    void theAlgorithmDefaultIsShown(String command) {
        assertThat(Cli.run(command, "--help").out().replaceAll("\\s+", " ")).contains("else mcts-star").contains("else 2000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"search", "run", "compare"})
    void everyAlgorithmIsListed(String command) {
        String help = Cli.run(command, "--help").out();
        for (String name : dev.banyan.search.AlgorithmSpec.NAMES) {
            assertThat(help).as(command).contains(name);
        }
    }
}
