package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The ONNX path end to end, on the engine's and the PRM module's tiny random-weight fixtures. */
class OnnxModelTest {
    private static final Path ROOT = Cli.SIMULATED.getParent().getParent();

    @Test
    void searchRunsOnOnnxPolicyAndPrmAndReportsTheirCaches(@TempDir Path model) throws Exception {
        copy(ROOT.resolve("engine/src/test/resources/fixtures/llama-tiny"), model.resolve("policy"));
        copy(ROOT.resolve("prm/src/test/resources/fixtures/prm-step-tag"), model.resolve("prm"));
        Files.writeString(model.resolve("banyan.json"), "{\"task\": \"game24\", \"policy\": \"policy\", \"prm\": \"prm\","
                + " \"budgetTokens\": 300, \"maxStepTokens\": 20}");

        Cli.Result result = Cli.run("search", "--json", "--model", model.toString(), "--device", "cpu", "4 9 10 13");

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode stats = JsonRecords.MAPPER.readTree(result.out()).get("stats");
        assertThat(stats.get("policyTokens").asLong()).isBetween(1L, 300L + 3 * 20);
        assertThat(stats.get("prmTokens").asLong()).isPositive();
        // Children continue from their parent's cached context.
        assertThat(stats.get("kvReusedTokens").asLong()).isPositive();
        assertThat(stats.get("prmKvReusedTokens").asLong()).isPositive();
        assertThat(stats.get("policyPasses").asLong()).isPositive();
        assertThat(stats.get("policyRowsPerPass").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("prmPasses").asLong()).isPositive();
    }

    /**
     * One search thread with many simulations in flight puts several of them into each policy pass (the ramp off:
     * in 40 simulations it would keep most gatherings small).
     */
    @Test
    void simulationsInFlightShareThePolicysPasses(@TempDir Path model) throws Exception {
        tinyModel(model, 600);
        Files.writeString(model.resolve("banyan.json"), "{\"task\": \"game24\", \"policy\": \"policy\", \"prm\": \"prm\","
                + " \"budgetTokens\": 600, \"maxStepTokens\": 20,"
                + " \"algorithms\": {\"mcts-star\": {\"inFlightRamp\": 0}}}");

        Cli.Result result = Cli.run("search", "--json", "--model", model.toString(), "--device", "cpu",
                "--budget-simulations", "40", "--in-flight", "8", "4 9 10 13");

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode stats = JsonRecords.MAPPER.readTree(result.out()).get("stats");
        assertThat(stats.get("policyRowsPerPass").asDouble()).as(stats.toString()).isGreaterThan(3);
    }

    @Test
    void aCudaDeviceOnTheCpuBuildFailsWithHowToBuildIt(@TempDir Path model) throws Exception {
        copy(ROOT.resolve("engine/src/test/resources/fixtures/llama-tiny"), model.resolve("policy"));
        Files.writeString(model.resolve("banyan.json"), "{\"task\": \"game24\", \"policy\": \"policy\", \"prm\": \"simulated\"}");

        Cli.Result result = Cli.run("search", "--model", model.toString(), "--device", "cuda", "4 9 10 13");

        assertThat(result.code()).isNotZero();
        assertThat(result.err()).contains("banyan.json").contains("-Pcuda");
    }

    @Test
    void anOnnxCommunityPolicyNeedsAVariantWhenItHasSeveral(@TempDir Path model) throws Exception {
        Path policy = model.resolve("policy");
        copy(ROOT.resolve("engine/src/test/resources/fixtures/llama-tiny"), policy);
        Files.createDirectories(policy.resolve("onnx"));
        Files.move(policy.resolve("model.onnx"), policy.resolve("onnx/model.onnx"));
        Files.copy(ROOT.resolve("engine/src/test/resources/fixtures/llama-tiny-fp16kv/model.onnx"),
                policy.resolve("onnx/model_fp16.onnx"));
        String json = "{\"task\": \"game24\", \"policy\": \"policy\", \"prm\": \"simulated\", \"budgetTokens\": 200, "
                + "\"maxStepTokens\": 20";
        Files.writeString(model.resolve("banyan.json"), json + "}");

        Cli.Result ambiguous = Cli.run("search", "--model", model.toString(), "4 9 10 13");
        assertThat(ambiguous.code()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("banyan.json").contains("--variant")
                .contains("fp16 (onnx/model_fp16.onnx), fp32 (onnx/model.onnx)");

        Cli.Result chosen = Cli.run("search", "--json", "--model", model.toString(), "--variant", "fp16", "4 9 10 13");
        assertThat(chosen.code()).as(chosen.err()).isZero();

        Cli.Result missing = Cli.run("search", "--model", model.toString(), "--variant", "q4", "4 9 10 13");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no variant \"q4\"");

        Files.writeString(model.resolve("banyan.json"), json + ", \"variant\": \"fp32\"}");
        Cli.Result fromJson = Cli.run("search", "--json", "--model", model.toString(), "4 9 10 13");
        assertThat(fromJson.code()).as(fromJson.err()).isZero();
    }

    @Test
    void engineSettingsInBanyanJsonReachTheEngines(@TempDir Path model) throws Exception {
        copy(ROOT.resolve("engine/src/test/resources/fixtures/llama-tiny"), model.resolve("policy"));
        copy(ROOT.resolve("prm/src/test/resources/fixtures/prm-step-tag"), model.resolve("prm"));
        String json = "{\"task\": \"game24\", \"policy\": \"policy\", \"prm\": \"prm\", \"budgetTokens\": 300, "
                + "\"maxStepTokens\": 20, \"temperature\": 0.8, \"topK\": 10, \"topP\": 0.95, \"maxBatchSequences\": 4, "
                + "\"maxBatchTokens\": 256, \"intraOpThreads\": 1, \"kvCacheBytes\": ";
        Files.writeString(model.resolve("banyan.json"), json + "0}");

        Cli.Result result = Cli.run("search", "--json", "--model", model.toString(), "4 9 10 13");

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode stats = JsonRecords.MAPPER.readTree(result.out()).get("stats");
        assertThat(stats.get("policyTokens").asLong()).isPositive();
        assertThat(stats.get("kvReusedTokens").asLong()).as("no KV cache").isZero();

        Files.writeString(model.resolve("banyan.json"), json + "-1}");
        Cli.Result negative = Cli.run("search", "--model", model.toString(), "4 9 10 13");
        assertThat(negative.code()).isEqualTo(1);
        assertThat(negative.err()).contains("banyan.json").contains("\"kvCacheBytes\" must be an integer >= 0, was -1");
    }

    /**
     * Reference mode runs the models as the ReST-MCTS* code does: whatever --threads and --in-flight say, every
     * policy and PRM pass holds one row, no keys and values are reused and the value cache answers nothing.
     */
    @Test
    void referenceModeRunsOneRowPerPassWithoutKvReuseOrValueCache(@TempDir Path model) throws Exception {
        tinyModel(model, 600);

        Cli.Result result = Cli.run("search", "--json", "--model", model.toString(), "--reference",
                "--budget-simulations", "40", "--in-flight", "8", "--threads", "2", "4 9 10 13");

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode stats = JsonRecords.MAPPER.readTree(result.out()).get("stats");
        assertThat(stats.get("policyPasses").asLong()).as(stats.toString()).isPositive();
        assertThat(stats.get("policyRowsPerPass").asDouble()).as(stats.toString()).isEqualTo(1.0);
        assertThat(stats.get("prmPasses").asLong()).as(stats.toString()).isPositive();
        assertThat(stats.get("prmRowsPerPass").asDouble()).as(stats.toString()).isEqualTo(1.0);
        assertThat(stats.get("kvReusedTokens").asLong()).as(stats.toString()).isZero();
        assertThat(stats.get("prmKvReusedTokens").asLong()).as(stats.toString()).isZero();
        assertThat(stats.get("valueCacheHits").asLong()).as(stats.toString()).isZero();
    }

    /**
     * With one search thread and one simulation in flight, reference mode searches the same tree as the default
     * mode: the same seeds, and the engines' batching and caches change how a row is computed, not what it is.
     */
    @Test
    void referenceModeGivesTheDefaultModesAnswers(@TempDir Path model) throws Exception {
        tinyModel(model, 300);
        Path fast = model.resolve("default.jsonl");
        Path reference = model.resolve("reference.jsonl");

        Cli.Result defaults = Cli.run("run", "--model", model.toString(), "--input", "game24:1-4",
                "--output", fast.toString(), "--parallel", "1");
        Cli.Result slow = Cli.run("run", "--model", model.toString(), "--input", "game24:1-4",
                "--output", reference.toString(), "--reference", "--parallel", "4");

        assertThat(defaults.code()).as(defaults.err()).isZero();
        assertThat(slow.code()).as(slow.err()).isZero();
        assertThat(searched(reference)).isEqualTo(searched(fast));
    }

    /** Per problem: its answer, the policy tokens and nodes its search spent. */
    private static java.util.List<String> searched(Path jsonl) throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode record = JsonRecords.MAPPER.readTree(line);
            JsonNode stats = record.get("stats");
            lines.add(record.get("id").asText() + " " + record.get("answer") + " " + stats.get("policyTokens")
                    + " tokens " + stats.get("nodes") + " nodes");
        }
        return lines;
    }

    private static void tinyModel(Path model, int budgetTokens) throws IOException {
        copy(ROOT.resolve("engine/src/test/resources/fixtures/llama-tiny"), model.resolve("policy"));
        copy(ROOT.resolve("prm/src/test/resources/fixtures/prm-step-tag"), model.resolve("prm"));
        Files.writeString(model.resolve("banyan.json"), "{\"task\": \"game24\", \"policy\": \"policy\", \"prm\": \"prm\","
                + " \"budgetTokens\": " + budgetTokens + ", \"maxStepTokens\": 20}");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
