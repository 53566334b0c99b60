package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each file of {@code --export-dir} parsed with Jackson and checked against the documented format. */
class ExportFormatsTest {
    @TempDir
    static Path dir;
    static Path export;
    static Set<String> ids;

    @BeforeAll
    static void runWithExports() throws IOException {
        export = dir.resolve("export");
        // A noisy policy and PRM, so the trees hold wrong answers and slips as well as solutions.
        Cli.Result result = Cli.run("run", "--input", "game24:1-15", "--output", dir.resolve("out.jsonl").toString(),
                "--export-dir", export.toString(), "--model", Cli.SIMULATED.toString(), "--budget-tokens", "1500");
        assertThat(result.code()).as(result.err()).isZero();
        ids = new HashSet<>();
        for (JsonNode record : lines(dir.resolve("out.jsonl"))) {
            ids.add(record.get("id").asText());
        }
        assertThat(ids).hasSize(15);
    }

    @Test
    void treesHoldEveryNodeWithItsNumbersAndVerdict() throws IOException {
        List<JsonNode> trees = lines(export.resolve("trees.jsonl"));
        assertThat(trees).hasSize(15);
        boolean sawCorrect = false;
        boolean sawWrong = false;
        for (JsonNode tree : trees) {
            assertThat(ids).contains(tree.get("id").asText());
            assertThat(tree.get("question").isTextual()).isTrue();
            assertThat(tree.get("task").asText()).isEqualTo("game24");
            assertThat(tree.has("answer")).isTrue();
            JsonNode nodes = tree.get("nodes");
            assertThat(nodes.size()).isPositive();
            Set<Integer> seen = new HashSet<>();
            for (JsonNode node : nodes) {
                assertThat(node.get("id").isInt()).isTrue();
                JsonNode parent = node.get("parent");
                if (seen.isEmpty()) {
                    assertThat(parent.isNull()).isTrue();
                } else {
                    assertThat(parent.isInt()).isTrue();
                    assertThat(seen).contains(parent.asInt());
                }
                seen.add(node.get("id").asInt());
                assertThat(node.get("text").isTextual()).isTrue();
                assertThat(node.get("value").isNumber() || node.get("value").isNull()).isTrue();
                assertThat(node.get("visits").isInt()).isTrue();
                assertThat(node.get("q").isNumber() || node.get("q").isNull()).isTrue();
                assertThat(node.get("terminal").isBoolean()).isTrue();
                JsonNode correct = node.get("correct");
                assertThat(correct.isBoolean() || correct.isNull()).isTrue();
                if (!node.get("terminal").asBoolean()) {
                    assertThat(correct.isNull()).as("only terminals have a verdict").isTrue();
                } else if (!correct.isNull()) {
                    sawCorrect |= correct.asBoolean();
                    sawWrong |= !correct.asBoolean();
                    assertThat(correct.asBoolean()).as(node.get("text").asText())
                            .isEqualTo(node.get("text").asText().startsWith("Answer:") && node.get("text").asText().endsWith("= 24"));
                }
            }
            assertChosenIsAPathFromTheRoot(tree);
        }
        assertThat(sawCorrect).isTrue();
        assertThat(sawWrong).isTrue();
    }

    /** {@code chosen} lists the answer's nodes, root excluded, each the child of the one before. */
    private static void assertChosenIsAPathFromTheRoot(JsonNode tree) {
        Map<Integer, Integer> parentOf = new HashMap<>();
        for (JsonNode node : tree.get("nodes")) {
            parentOf.put(node.get("id").asInt(), node.get("parent").isNull() ? null : node.get("parent").asInt());
        }
        JsonNode chosen = tree.get("chosen");
        assertThat(chosen.size()).as("the chosen path of %s", tree.get("id")).isPositive();
        int parent = 0;
        for (JsonNode id : chosen) {
            assertThat(parentOf.get(id.asInt())).as("parent of chosen node %s", id).isEqualTo(parent);
            parent = id.asInt();
        }
    }

    @Test
    void sftHoldsPromptAndCompletionOfCorrectTracesOnly() throws IOException {
        Map<String, Set<String>> correctPaths = correctPathsById();
        List<JsonNode> samples = lines(export.resolve("sft.jsonl"));
        assertThat(samples).isNotEmpty();
        for (JsonNode sample : samples) {
            assertThat(ids).contains(sample.get("id").asText());
            assertThat(sample.get("prompt").asText()).startsWith("Input: ").endsWith("Steps:\n");
            String completion = sample.get("completion").asText();
            assertThat(completion).endsWith("\n");
            assertThat(correctPaths.get(sample.get("id").asText())).contains(completion);
        }
    }

    @Test
    void prmRecordsAreTrlStepwiseWithValueTargets() throws IOException {
        List<JsonNode> records = lines(export.resolve("prm.jsonl"));
        assertThat(records).isNotEmpty();
        boolean sawNegative = false;
        for (JsonNode record : records) {
            assertThat(ids).contains(record.get("id").asText());
            assertThat(record.get("prompt").isTextual()).isTrue();
            JsonNode completions = record.get("completions");
            JsonNode labels = record.get("labels");
            JsonNode values = record.get("values");
            assertThat(completions.size()).isPositive();
            assertThat(labels.size()).isEqualTo(completions.size());
            assertThat(values.size()).isEqualTo(completions.size());
            for (int i = 0; i < completions.size(); i++) {
                assertThat(completions.get(i).isTextual()).isTrue();
                assertThat(labels.get(i).isBoolean()).isTrue();
                assertThat(values.get(i).isNumber()).isTrue();
                assertThat(values.get(i).asDouble()).isBetween(0.0, 1.0);
                if (labels.get(i).asBoolean()) {
                    assertThat(values.get(i).asDouble()).as("a step towards a correct answer has a positive target").isPositive();
                    if (i > 0) {
                        assertThat(labels.get(i - 1).asBoolean()).as("steps above a good step are good").isTrue();
                    }
                } else {
                    sawNegative = true;
                }
            }
            String last = completions.get(completions.size() - 1).asText();
            if (labels.get(labels.size() - 1).asBoolean() && last.startsWith("Answer:")) {
                assertThat(values.get(values.size() - 1).asDouble()).isEqualTo(1.0);
            }
        }
        assertThat(sawNegative).isTrue();
    }

    @Test
    void dpoPairsAreSiblingStepsFromOnePrompt() throws IOException {
        List<JsonNode> pairs = lines(export.resolve("dpo.jsonl"));
        assertThat(pairs).isNotEmpty();
        for (JsonNode pair : pairs) {
            assertThat(ids).contains(pair.get("id").asText());
            assertThat(pair.get("prompt").asText()).startsWith("Input: ");
            assertThat(pair.get("chosen").isTextual()).isTrue();
            assertThat(pair.get("rejected").isTextual()).isTrue();
            assertThat(pair.get("chosenValue").asDouble()).isGreaterThan(pair.get("rejectedValue").asDouble());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sft", "prm", "dpo"})
    void exportDerivesTheSameRecordsFromTheSavedTreesAlone(String format) throws IOException {
        Path output = dir.resolve("again-" + format + ".jsonl");

        Cli.Result result = Cli.run("export", "--trees", export.resolve("trees.jsonl").toString(),
                "--format", format, "--output", output.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.readAllLines(output)).isEqualTo(Files.readAllLines(export.resolve(format + ".jsonl")));
    }

    @Test
    void exportRefusesToOverwrite() throws IOException {
        Path output = dir.resolve("taken.jsonl");
        Files.writeString(output, "{}\n");

        Cli.Result result = Cli.run("export", "--trees", export.resolve("trees.jsonl").toString(), "--format", "sft",
                "--output", output.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("taken.jsonl").contains("already exists");
    }

    /** Each problem's correct root-to-answer paths, as an SFT completion would write them. */
    private static Map<String, Set<String>> correctPathsById() throws IOException {
        Map<String, Set<String>> paths = new HashMap<>();
        for (JsonNode tree : lines(export.resolve("trees.jsonl"))) {
            Map<Integer, JsonNode> byId = new HashMap<>();
            tree.get("nodes").forEach(node -> byId.put(node.get("id").asInt(), node));
            Set<String> correct = paths.computeIfAbsent(tree.get("id").asText(), id -> new HashSet<>());
            for (JsonNode node : tree.get("nodes")) {
                if (node.get("correct").asBoolean(false)) {
                    List<String> steps = new ArrayList<>();
                    for (JsonNode at = node; !at.get("parent").isNull(); at = byId.get(at.get("parent").asInt())) {
                        steps.add(0, at.get("text").asText());
                    }
                    correct.add(String.join("\n", steps) + "\n");
                }
            }
        }
        return paths;
    }

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(JsonRecords.MAPPER.readTree(line));
        }
        return records;
    }
}
