package dev.banyan.cli;

import dev.banyan.search.tasks.Problem;
import picocli.CommandLine.Option;

import java.util.List;

/** Which of the input's problems to run, by 1-based position in the input. */
final class SelectionOptions {
    @Option(names = "--from", paramLabel = "N", defaultValue = "1", converter = Converters.PositiveInt.class,
            description = "First problem to run, by 1-based position in the input. Default: ${DEFAULT-VALUE}.")
    int from;

    @Option(names = "--to", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Last problem to run, by 1-based position (inclusive). Default: the last one.")
    Integer to;

    @Option(names = "--limit", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Run at most this many problems (after --from/--to). Default: no limit.")
    Integer limit;

    List<Problem> select(List<Problem> problems) {
        int last = to != null ? Math.min(to, problems.size()) : problems.size();
        if (to != null && to < from) {
            throw new UserError("--to (" + to + ") is before --from (" + from + ")");
        }
        int first = Math.min(from - 1, last);
        int end = limit != null ? Math.min(last, first + limit) : last;
        if (first >= end) {
            throw new UserError("no problems selected: the input holds " + problems.size() + " and --from is " + from);
        }
        return problems.subList(first, end);
    }
}
