package dev.banyan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code banyan} command: only a holder of sub-commands. */
@Command(name = "banyan", mixinStandardHelpOptions = true, version = "banyan 0.1.0",
        description = "Tree-search reasoning with a policy language model and a process reward model.",
        subcommands = {SearchCommand.class, RunCommand.class, CompareCommand.class, EvaluateCommand.class, ExportCommand.class,
                InspectCommand.class, GradeCommand.class, TasksCommand.class},
        sortOptions = false)
final class BanyanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: one of search, run, compare, evaluate, export, inspect, grade, tasks");
    }
}
