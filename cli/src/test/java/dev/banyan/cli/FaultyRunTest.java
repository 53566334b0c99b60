package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Models that fail (throw, throw an Error, never answer, compute NaN) end only their own problems, each with a
 * clear error in its output line; the run finishes, no search thread is left blocked, {@code --resume} searches
 * nothing twice, and {@code --retry-failed} searches exactly the failed problems again. Before, the first
 * failure stopped the run, an Error left its search blocked, and a model that never answered hung it forever.
 */
class FaultyRunTest {
    private static final String HEALTHY_1 = "4 9 10 13";
    private static final String HEALTHY_2 = "1 1 4 6";

    @Test
    void failedProblemsGetErrorLinesTheRunGoesOnAndResumeRepeatsNothing(@TempDir Path dir) throws IOException {
        Path model = faultyModel(dir);
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, String.join("\n",
                line("good-1", HEALTHY_1), line("throws", "-1 2 3 4"), line("error", "-2 2 3 4"),
                line("hangs", "-3 2 3 4"), line("nan", "-4 2 3 4"), line("good-2", HEALTHY_2)) + "\n");
        Path output = dir.resolve("out.jsonl");

        long start = System.nanoTime();
        Cli.Result first = Cli.run("run", "--model", model.toString(), "--input", input.toString(),
                "--output", output.toString(), "--parallel", "2", "--time-limit", "1s", "--budget-tokens", "300");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(first.code()).as(first.err()).isEqualTo(RunCommand.EXIT_PROBLEMS_FAILED);
        assertThat(first.err()).contains("4 problems failed").contains("--retry-failed");
        assertThat(seconds).as("the never-answering model ends at its deadline (1 s + 1 s of grace)").isLessThan(20);
        Map<String, JsonNode> lines = byId(output);
        assertThat(lines.keySet()).containsExactlyInAnyOrder("good-1", "throws", "error", "hangs", "nan", "good-2");
        assertThat(lines.get("good-1").has("error")).isFalse();
        assertThat(lines.get("good-2").get("trace")).isNotEmpty();
        assertThat(lines.get("throws").get("error").asText()).isEqualTo("simulated: the policy's session failed");
        assertThat(lines.get("error").get("error").asText())
                .isEqualTo("OutOfMemoryError: simulated: the policy ran out of memory");
        assertThat(lines.get("hangs").get("error").asText())
                .startsWith("TimeoutException: the policy gave no answer within the search's time limit (PT1S)");
        assertThat(lines.get("nan").get("error").asText()).contains("score must be in [0,1], was NaN");
        for (String id : List.of("throws", "error", "hangs", "nan")) {
            assertThat(lines.get(id).get("solved").isNull()).isTrue();
            assertThat(lines.get(id).get("answer").isNull()).isTrue();
        }
        assertNoSearchThreadBlocked();

        // The failed lines count as done: resuming searches nothing.
        Cli.Result resumed = Cli.run("run", "--model", model.toString(), "--input", input.toString(),
                "--output", output.toString(), "--resume", "--time-limit", "1s", "--budget-tokens", "300");
        assertThat(resumed.code()).as(resumed.err()).isEqualTo(RunCommand.EXIT_PROBLEMS_FAILED);
        assertThat(resumed.err()).contains("6 of 6 problems already done, 0 to go")
                .contains("4 problems had failed in the earlier run");
        assertThat(Files.readAllLines(output)).hasSize(6);

        // Retrying with working models searches exactly the four failed ones, once each.
        Cli.Result retried = Cli.run("run", "--model", Cli.SIMULATED.toString(), "--input", input.toString(),
                "--output", output.toString(), "--retry-failed", "--time-limit", "10s", "--budget-tokens", "300");
        assertThat(retried.code()).as(retried.err()).isZero();
        assertThat(retried.err()).contains("4 failed problems").contains("2 of 6 problems already done, 4 to go");
        Map<String, JsonNode> after = byId(output);
        assertThat(after).hasSize(6);
        assertThat(after.values()).noneMatch(line -> line.has("error"));
        assertThat(after.get("good-1")).isEqualTo(lines.get("good-1"));
    }

    private static Path faultyModel(Path dir) throws IOException {
        Path model = Files.createDirectories(dir.resolve("faulty"));
        Files.writeString(model.resolve("banyan.json"),
                "{\"task\": \"faults\", \"policy\": \"simulated\", \"prm\": \"simulated\", \"algorithm\": \"mcts-star\"}");
        return model;
    }

    private static String line(String id, String question) {
        return "{\"id\": \"" + id + "\", \"question\": \"" + question + "\"}";
    }

    /** The output's lines by id; fails on a repeated id. */
    private static Map<String, JsonNode> byId(Path output) throws IOException {
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        for (String text : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            JsonNode line = JsonRecords.MAPPER.readTree(text);
            assertThat(lines.put(line.get("id").asText(), line)).as("id %s written twice", line.get("id")).isNull();
        }
        return lines;
    }

    /** No live thread is still inside a search (waiting on a model, say). */
    private static void assertNoSearchThreadBlocked() {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean inSearch = Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("dev.banyan.search.algo"));
            assertThat(inSearch).as("thread %s is still in a search: %s", thread.getName(), Arrays.toString(stack)).isFalse();
        });
    }
}
