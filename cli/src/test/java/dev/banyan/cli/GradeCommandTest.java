package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GradeCommandTest {
    private static final int FAILED = 1;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JsonRecords.MAPPER.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void gradesEachPairByMeaningAndSummarises() throws IOException {
        Path input = write("pairs.jsonl", """
                {"id": "a", "gold": "Janet sells 9 eggs.\\nShe makes 9 * 2 = $<<9*2=18>>18.\\n#### 18", "prediction": "She makes $18.00 a day. The answer is 18."}
                {"id": "b", "gold": "\\\\frac{1}{2}", "prediction": "So the answer is $\\\\boxed{0.5}$."}
                {"gold": "18", "prediction": "A: 26"}
                {"id": 7, "gold": "18", "prediction": "I do not know"}
                """);
        Path output = dir.resolve("graded.jsonl");

        Cli.Result result = Cli.run("grade", "--input", input.toString(), "--output", output.toString());

        assertThat(result.code()).as(result.err()).isZero();
        List<JsonNode> graded = lines(Files.readString(output));
        assertThat(graded).extracting(n -> n.get("id").asText()).containsExactly("a", "b", "3", "7");
        assertThat(graded).extracting(n -> n.get("equal").asBoolean()).containsExactly(true, true, false, false);
        assertThat(graded.get(0).get("goldAnswer").asText()).isEqualTo("18");
        assertThat(graded.get(2).get("predictedAnswer").asText()).isEqualTo("26");
        assertThat(graded.get(3).get("predictedAnswer").isNull()).isTrue();
        assertThat(graded.get(3).get("reason").asText()).contains("no answer");
        assertThat(result.err()).contains("4 pairs, 2 equal (50.00 %)").contains("1 predictions state no answer");
    }

    @Test
    void readsStandardInputAndWritesStandardOutputWhenNoFilesAreGiven() {
        var in = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("{\"gold\": \"3\", \"prediction\": \"#### 3\"}\n"
                    .getBytes(StandardCharsets.UTF_8)));
            Cli.Result result = Cli.run("grade");
            assertThat(result.code()).isZero();
            assertThat(result.out()).contains("\"equal\":true");
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void aMalformedLineFailsNamingItAndWritesNothing() throws IOException {
        Path output = dir.resolve("graded.jsonl");
        for (String bad : List.of("{\"gold\": \"1\"}", "{\"gold\": \"1\", \"prediction\": [1]}", "not json",
                "{\"gold\": \"1\", \"prediction\": \"1\", \"task\": \"chess\"}",
                "{\"gold\": \"1\", \"prediction\": \"1\", \"task\": \"game24\"}")) {
            Path input = write("pairs.jsonl", "{\"gold\": \"1\", \"prediction\": \"A: 1\"}\n" + bad + "\n");

            Cli.Result result = Cli.run("grade", "--input", input.toString(), "--output", output.toString());

            assertThat(result.code()).as(bad).isEqualTo(FAILED);
            assertThat(result.err()).as(bad).contains("pairs.jsonl line 2");
            assertThat(output).as(bad).doesNotExist();
        }
    }

    @Test
    void anExistingOutputIsNeverOverwritten() throws IOException {
        Path input = write("pairs.jsonl", "{\"gold\": \"1\", \"prediction\": \"A: 1\"}\n");
        Path output = write("graded.jsonl", "earlier results\n");

        Cli.Result result = Cli.run("grade", "--input", input.toString(), "--output", output.toString());

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("already exists");
        assertThat(Files.readString(output)).isEqualTo("earlier results\n");
    }

    @Test
    void gradesGsm8kModelSolutionsAsTheirAuthorsLabelledThem() throws IOException {
        Path solutions = Cli.root().resolve("../shared/data/gsm8k/model_solutions-0-899.jsonl").normalize();
        Assumptions.assumeTrue(Files.isRegularFile(solutions), solutions + " absent: skipped");
        StringBuilder pairs = new StringBuilder();
        List<Boolean> labels = new ArrayList<>();
        try (var lines = Files.lines(solutions)) {
            for (String line : lines.limit(50).toList()) {
                JsonNode node = JsonRecords.MAPPER.readTree(line);
                JsonNode model = node.get("175b_verification");
                labels.add(model.get("is_correct").asBoolean());
                pairs.append(JsonRecords.MAPPER.writeValueAsString(JsonRecords.MAPPER.createObjectNode().put("gold", node.get("ground_truth").asText())
                        .put("prediction", model.get("solution").asText()))).append('\n');
            }
        }
        Path output = dir.resolve("graded.jsonl");

        Cli.Result result = Cli.run("grade", "--input", write("pairs.jsonl", pairs.toString()).toString(),
                "--output", output.toString());

        assertThat(result.code()).isZero();
        assertThat(lines(Files.readString(output))).extracting(n -> n.get("equal").asBoolean()).isEqualTo(labels);
    }
}
