package dev.banyan.cli;

import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code banyan tasks}: the tasks this build knows, with their built-in data sets and answer grading. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Lists the tasks (kinds of problem) this build can search, for banyan.json's \"task\" and --task, "
                + "with the built-in data sets that --input accepts.")
final class TasksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (TaskProvider provider : TaskRegistry.providers()) {
            out.printf("%-8s %s%n", provider.name(), provider.summary());
            provider.builtInDataUsage().ifPresent(usage -> out.printf("%-8s   built-in data: %s%n", "", usage));
            if (provider.grader().isPresent()) {
                out.printf("%-8s   banyan grade: answers compared with expected answers%n", "");
            }
        }
        return 0;
    }
}
