package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run} on GSM8K with the simulated math models (skipped where the shared data is absent). */
class MathRunTest {
    private static final Path MODEL = Cli.root().resolve("models/simulated-math");
    private static final Path GSM8K = Cli.root().resolve("../shared/data/gsm8k").normalize();

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheSharedData() {
        Assumptions.assumeTrue(Files.isDirectory(GSM8K), GSM8K + " absent: skipped");
    }

    @Test
    void searchesGsm8kQuestionsAndGradesThemAgainstTheWorkedSolutions() throws IOException {
        Path output = dir.resolve("out.jsonl");

        Cli.Result result = Cli.run("run", "--model", MODEL.toString(), "--input", GSM8K.resolve("test.jsonl").toString(),
                "--limit", "10", "--output", output.toString(), "--export-dir", dir.resolve("export").toString(),
                "--parallel", "1");

        assertThat(result.code()).as(result.err()).isZero();
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(10);
        JsonNode first = JsonRecords.MAPPER.readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("test-1");
        assertThat(first.get("expected").asText()).endsWith("#### 18");
        assertThat(first.get("solved").isBoolean()).isTrue();
        long solved = lines.stream().filter(line -> line.contains("\"solved\":true")).count();
        assertThat(solved).as("the simulated search solves most of the first ten").isGreaterThanOrEqualTo(5);
        assertThat(Files.readAllLines(dir.resolve("export/sft.jsonl"))).isNotEmpty()
                .allSatisfy(record -> assertThat(record).contains("Question: ").contains("\\n"));
        for (String format : List.of("sft", "prm", "dpo")) {
            Path again = dir.resolve("again-" + format + ".jsonl");
            Cli.Result export = Cli.run("export", "--trees", dir.resolve("export/trees.jsonl").toString(),
                    "--format", format, "--output", again.toString());
            assertThat(export.code()).as(export.err()).isZero();
            assertThat(Files.readAllLines(again)).as("%s re-derived with the saved task settings", format)
                    .isEqualTo(Files.readAllLines(dir.resolve("export/" + format + ".jsonl")));
        }
    }

    @Test
    void fieldsCanBeRenamedAndTheExpectedAnswerBeBare() throws IOException {
        String question = JsonRecords.MAPPER.readTree(Files.readAllLines(GSM8K.resolve("test.jsonl")).get(0)).get("question").asText();
        Path input = Files.writeString(dir.resolve("in.jsonl"), JsonRecords.MAPPER.writeValueAsString(
                JsonRecords.MAPPER.createObjectNode().put("name", "janet").put("problem", question).put("solution", "\\boxed{18}")) + "\n");
        Path output = dir.resolve("out.jsonl");

        Cli.Result result = Cli.run("run", "--model", MODEL.toString(), "--task", "math", "--input", input.toString(),
                "--id-field", "name", "--question-field", "problem", "--answer-field", "solution",
                "--output", output.toString());

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode line = JsonRecords.MAPPER.readTree(Files.readString(output));
        assertThat(line.get("id").asText()).isEqualTo("janet");
        assertThat(line.get("solved").isBoolean()).isTrue();
    }

    @Test
    void aTaskWhoseSimulatedModelsDoNotFitTheDirectoryIsNamed() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"question\": \"What is 2+2?\"}\n");

        Cli.Result result = Cli.run("run", "--model", Cli.SIMULATED.toString(), "--task", "math", "--input",
                input.toString(), "--output", dir.resolve("out.jsonl").toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("models/simulated/banyan.json").contains("unknown setting")
                .contains("solutions");
    }
}
