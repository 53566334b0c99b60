package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run cut short and resumed must end with exactly the lines of an uninterrupted run: the oracle is the
 * same run done in one go (searches with one thread and a seed are reproducible).
 */
class RunResumeTest {
    private static final String INPUT = "game24:1-12";
    private static final String[] EXPORTS = {"trees.jsonl", "sft.jsonl", "prm.jsonl", "dpo.jsonl"};

    @TempDir
    static Path shared;
    static Path full;

    @BeforeAll
    static void runInOneGo() {
        full = shared.resolve("full");
        Cli.Result result = run(full, false);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).contains("12/12 problems");
    }

    @Test
    void resumingAfterAnOutputCutMidLineFinishesExactlyTheRest(@TempDir Path dir) throws IOException {
        copyFullRun(dir);
        byte[] output = Files.readAllBytes(dir.resolve("out.jsonl"));
        int cut = middleOfLine(output, 5);
        Files.write(dir.resolve("out.jsonl"), Arrays.copyOf(output, cut));

        Cli.Result resumed = run(dir, true);

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("4 of 12 problems already done");
        assertSameAsFullRun(dir);
    }

    @Test
    void resumingAfterACutBetweenRecordsDropsExportsOfUnfinishedProblems(@TempDir Path dir) throws IOException {
        // A crash after a problem's export lines were written but before its output line: the exports hold
        // more problems than the output, and the last export line is itself cut short.
        copyFullRun(dir);
        byte[] output = Files.readAllBytes(dir.resolve("out.jsonl"));
        Files.write(dir.resolve("out.jsonl"), Arrays.copyOf(output, endOfLine(output, 7)));
        byte[] trees = Files.readAllBytes(dir.resolve("export/trees.jsonl"));
        Files.write(dir.resolve("export/trees.jsonl"), Arrays.copyOf(trees, middleOfLine(trees, 9)));

        Cli.Result resumed = run(dir, true);

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("7 of 12 problems already done");
        assertSameAsFullRun(dir);
    }

    @Test
    void resumingAnEmptyOrMissingOutputRunsEverything(@TempDir Path dir) throws IOException {
        Cli.Result resumed = run(dir, true);

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertSameAsFullRun(dir);
    }

    @Test
    void resumingAFinishedRunDoesNothing(@TempDir Path dir) throws IOException {
        copyFullRun(dir);

        Cli.Result resumed = run(dir, true);

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("12 of 12 problems already done, 0 to go");
        assertSameAsFullRun(dir);
    }

    @Test
    void withoutResumeAnExistingOutputIsNotOverwritten(@TempDir Path dir) throws IOException {
        copyFullRun(dir);
        byte[] before = Files.readAllBytes(dir.resolve("out.jsonl"));

        Cli.Result again = run(dir, false);

        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("out.jsonl").contains("already exists").contains("--resume");
        assertThat(Files.readAllBytes(dir.resolve("out.jsonl"))).isEqualTo(before);
    }

    @Test
    void parallelProblemsGiveTheSameRecordsInSomeOrder(@TempDir Path dir) throws IOException {
        Cli.Result result = Cli.run("run", "--input", INPUT, "--output", dir.resolve("out.jsonl").toString(),
                "--model", Cli.SIMULATED.toString(), "--seed", "5", "--parallel", "3");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(byId(dir.resolve("out.jsonl"))).isEqualTo(byId(full.resolve("out.jsonl")));
    }

    private static Cli.Result run(Path dir, boolean resume) {
        List<String> args = new ArrayList<>(List.of("run", "--input", INPUT,
                "--output", dir.resolve("out.jsonl").toString(), "--export-dir", dir.resolve("export").toString(),
                "--model", Cli.SIMULATED.toString(), "--seed", "5", "--parallel", "1"));
        if (resume) {
            args.add("--resume");
        }
        return Cli.run(args.toArray(String[]::new));
    }

    private static void copyFullRun(Path dir) throws IOException {
        Files.copy(full.resolve("out.jsonl"), dir.resolve("out.jsonl"));
        Files.createDirectories(dir.resolve("export"));
        for (String name : EXPORTS) {
            Files.copy(full.resolve("export").resolve(name), dir.resolve("export").resolve(name));
        }
    }

    /** Every file holds the full run's lines: no line lost, none twice, none partial (timings aside). */
    private static void assertSameAsFullRun(Path dir) throws IOException {
        Map<String, JsonNode> results = byId(dir.resolve("out.jsonl"));
        assertThat(results).hasSize(12);
        assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(12);
        assertThat(results).isEqualTo(byId(full.resolve("out.jsonl")));
        for (String name : EXPORTS) {
            assertThat(sortedLines(dir.resolve("export").resolve(name)))
                    .as(name).isEqualTo(sortedLines(full.resolve("export").resolve(name)));
        }
    }

    /** Result lines by id, each parsed (so a partial line fails) and without its wall-clock time. */
    private static Map<String, JsonNode> byId(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        Map<String, JsonNode> records = new TreeMap<>();
        for (String line : text.split("\n")) {
            ObjectNode record = (ObjectNode) JsonRecords.MAPPER.readTree(line);
            ((ObjectNode) record.get("stats")).remove("wallMillis");
            assertThat(records.put(record.get("id").asText(), record)).as("duplicate " + record.get("id")).isNull();
        }
        return records;
    }

    private static List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().collect(Collectors.toList());
    }

    /** A byte offset inside the given 1-based line. */
    private static int middleOfLine(byte[] text, int line) {
        int start = line == 1 ? 0 : endOfLine(text, line - 1);
        return start + (endOfLine(text, line) - start) / 2;
    }

    /** The offset just after the newline ending the given 1-based line. */
    private static int endOfLine(byte[] text, int line) {
        int seen = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' && ++seen == line) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("fewer than " + line + " lines");
    }
}
