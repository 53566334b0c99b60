package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.search.tasks.AnswerGrader;
import dev.banyan.search.tasks.Grade;
import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code banyan grade}: compares predictions with expected answers by the task's answer equivalence, for any
 * model's output. Every line is read and checked before anything is written, so a malformed line fails the
 * command (exit 1, naming the line) with no partial output.
 */
@Command(name = "grade", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Grades predictions against expected answers, e.g. a model's solutions to GSM8K or MATH.",
                "Input lines: {\"id\"?, \"gold\", \"prediction\", \"task\"?}; gold is a bare answer or a worked solution "
                        + "(its final answer is extracted like the prediction's: \\boxed{...}, 'The answer is ...', "
                        + "'#### ...', 'A: ...', 'Final Answer: ...').",
                "Output lines: {\"id\", \"equal\", \"goldAnswer\", \"predictedAnswer\", \"reason\"}; a summary goes to "
                        + "standard error."})
final class GradeCommand implements Callable<Integer> {
    static final String DEFAULT_TASK = "math";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "PAIRS.jsonl",
            description = "The pairs to grade. Default: standard input.")
    Path input;

    @Option(names = "--output", paramLabel = "OUT.jsonl",
            description = "Where to write one verdict per line; must not exist yet (or be empty). Default: standard output.")
    Path output;

    @Option(names = "--task", paramLabel = "NAME", defaultValue = DEFAULT_TASK,
            description = "The task of lines that name none. Default: ${DEFAULT-VALUE}.")
    String task;

    /** One checked input line. */
    private record Pair(String id, String gold, String prediction, AnswerGrader grader) {
    }

    @Override
    public Integer call() {
        if (output != null) {
            requireFresh(output);
        }
        String source = input == null ? "standard input" : input.toString();
        List<Pair> pairs = read(source);
        int equal = 0;
        int unanswered = 0;
        PrintWriter err = spec.commandLine().getErr();
        try (LineSink sink = output == null ? LineSink.of(spec.commandLine().getOut()) : LineSink.of(new JsonlAppender(output))) {
            for (Pair pair : pairs) {
                Grade grade = pair.grader().grade(pair.gold(), pair.prediction());
                equal += grade.equal() ? 1 : 0;
                unanswered += grade.predictedAnswer() == null ? 1 : 0;
                ObjectNode line = JsonRecords.MAPPER.createObjectNode();
                line.put("id", pair.id());
                line.put("equal", grade.equal());
                line.put("goldAnswer", grade.goldAnswer());
                line.put("predictedAnswer", grade.predictedAnswer());
                line.put("reason", grade.reason());
                sink.write(line);
            }
        }
        err.printf("grade: %d pairs, %d equal (%.2f %%), %d not equal, %d predictions state no answer%n", pairs.size(),
                equal, pairs.isEmpty() ? 0.0 : 100.0 * equal / pairs.size(), pairs.size() - equal, unanswered);
        return 0;
    }

    private List<Pair> read(String source) {
        List<Pair> pairs = new ArrayList<>();
        Map<String, AnswerGrader> graders = new HashMap<>();
        JsonLines.Handler handler = (lineNumber, where, node) -> pairs.add(parse(where, node, lineNumber, graders));
        if (input == null) {
            try {
                JsonLines.read(System.in, source, handler);
            } catch (IOException e) {
                throw new UserError("cannot read " + source + ": " + IoErrors.reason(e));
            }
        } else {
            JsonLines.read(input, "input", handler);
        }
        return pairs;
    }

    private Pair parse(String where, JsonNode node, int lineNumber, Map<String, AnswerGrader> graders) {
        if (node == null || !node.isObject()) {
            throw new UserError(where + ": expected a JSON object {\"id\"?, \"gold\", \"prediction\", \"task\"?}");
        }
        String taskName = node.hasNonNull("task") ? text(node, "task", where) : task;
        AnswerGrader grader = graders.computeIfAbsent(taskName, name -> graderOf(name, where));
        String id = node.hasNonNull("id") ? node.get("id").isTextual() || node.get("id").isNumber()
                ? node.get("id").asText() : fail(where, "\"id\" must be a string or a number, was " + node.get("id"))
                : String.valueOf(lineNumber);
        return new Pair(id, text(node, "gold", where), text(node, "prediction", where), grader);
    }

    private static AnswerGrader graderOf(String name, String where) {
        TaskProvider provider;
        try {
            provider = TaskRegistry.named(name);
        } catch (IllegalArgumentException e) {
            throw new UserError(where + ": " + e.getMessage());
        }
        return provider.grader().orElseThrow(() -> new UserError(where + ": the task " + name
                + " does not grade against expected answers"));
    }

    /** A string field; a number is taken as its text (a bare numeric gold answer). */
    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fail(where, "missing \"" + key + "\"");
        }
        if (!value.isTextual() && !value.isNumber()) {
            return fail(where, "\"" + key + "\" must be a string, was " + value);
        }
        return value.asText();
    }

    private static String fail(String where, String what) {
        throw new UserError(where + ": " + what);
    }

    private void requireFresh(Path file) {
        if (input != null) {
            Outputs.requireDistinct(file, "--output", input, "--input");
        }
        Outputs.requireFreshFile(file, "output", false, "choose another output");
    }

    /** Standard output or a file, one JSON line at a time. */
    private interface LineSink extends AutoCloseable {
        void write(JsonNode line);

        @Override
        void close();

        static LineSink of(JsonlAppender file) {
            return new LineSink() {
                @Override
                public void write(JsonNode line) {
                    file.append(line);
                }

                @Override
                public void close() {
                    file.close();
                }
            };
        }

        static LineSink of(PrintWriter out) {
            return new LineSink() {
                @Override
                public void write(JsonNode line) {
                    try {
                        out.println(JsonRecords.MAPPER.writeValueAsString(line));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("cannot encode a verdict", e);
                    }
                }

                @Override
                public void close() {
                    out.flush();
                }
            };
        }
    }
}
