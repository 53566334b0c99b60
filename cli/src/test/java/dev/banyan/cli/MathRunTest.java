package dev.banyan.cli;

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
                "--limit", "10", "--output", output.toString(), "--export-dir", dir.resolve("export").toString());

        assertThat(result.code()).as(result.err()).isZero();
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(10);
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("test-1");
        assertThat(first.get("expected").asText()).endsWith("#### 18");
        assertThat(first.get("solved").isBoolean()).isTrue();
        long solved = lines.stream().filter(line -> line.contains("\"solved\":true")).count();
        assertThat(solved).as("the simulated search solves most of the first ten").isGreaterThanOrEqualTo(5);
        assertThat(Files.readAllLines(dir.resolve("export/sft.jsonl"))).isNotEmpty();
    }

    @Test
    void theTaskCanBeChosenOnTheCommandLineAndItsFieldsRenamed() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"),
                "{\"problem\": \"Natalia sold clips to 48 of her friends.\", \"solution\": \"\\\\boxed{72}\"}\n");

        Cli.Result result = Cli.run("run", "--model", Cli.SIMULATED.toString(), "--task", "math", "--input",
                input.toString(), "--question-field", "problem", "--answer-field", "solution",
                "--output", dir.resolve("out.jsonl").toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).as("the game24 simulated tunables do not fit the math models")
                .contains("banyan.json").contains("\"solutions\"");
    }
}
