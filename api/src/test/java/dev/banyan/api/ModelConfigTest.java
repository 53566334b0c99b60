package dev.banyan.api;

import dev.banyan.search.Aggregation;
import dev.banyan.search.AlgorithmSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {
    private static final Path MODELS = Path.of(System.getProperty("banyan.root", "..")).resolve("models");
    /** The keys every model needs; each case adds to them. */
    private static final String REQUIRED = "\"task\": \"game24\", \"policy\": \"simulated\", \"prm\": \"simulated\"";

    @TempDir
    Path model;

    private ModelConfig read(String json) throws IOException {
        Files.writeString(model.resolve(ModelConfig.FILE_NAME), json);
        return ModelConfig.read(model);
    }

    @Test
    void everyShippedModelReads() throws IOException {
        try (Stream<Path> models = Files.list(MODELS)) {
            List<Path> directories = models.filter(dir -> Files.isRegularFile(dir.resolve(ModelConfig.FILE_NAME)))
                    .toList();
            assertThat(directories).isNotEmpty();
            for (Path directory : directories) {
                ModelConfig config = ModelConfig.read(directory);
                assertThat(config.directory()).isEqualTo(directory);
                for (String algorithm : config.defaults().algorithmSettings().keySet()) {
                    assertThat(config.defaults().spec(algorithm).name()).isEqualTo(algorithm);
                }
            }
        }
    }

    @Test
    void everyKeyIsRead() throws IOException {
        ModelConfig config = read("{" + REQUIRED + ", \"taskSettings\": {\"maxSteps\": 3}, \"prmStyle\": null,"
                + " \"algorithm\": \"beam\", \"budgetTokens\": 300, \"maxStepTokens\": 20, \"temperature\": 1,"
                + " \"topK\": 10, \"topP\": 0.95, \"variant\": \"q4\", \"prmVariant\": \"fp16\","
                + " \"maxBatchSequences\": 4, \"maxBatchTokens\": 256, \"kvCacheBytes\": 0, \"valueCacheEntries\": 100,"
                + " \"intraOpThreads\": 1,"
                + " \"device\": \"cuda:1\", \"simulated\": {\"slipRate\": 0.1, \"name\": \"x\", \"on\": true},"
                + " \"algorithms\": {\"beam\": {\"width\": 2, \"aggregation\": \"min\"}}}");

        assertThat(config.task()).isEqualTo("game24");
        assertThat(config.taskSettings().source()).endsWith("banyan.json: \"taskSettings\"");
        assertThat(config.prmStyle()).isNull();
        assertThat(config.onnx()).isEqualTo(new ModelConfig.OnnxSettings(1.0, 10, 0.95, "q4", "fp16", 4, 256, 0L,
                100L, 1, false));
        assertThat(config.device()).isEqualTo("cuda:1");
        assertThat(config.defaults()).isEqualTo(new SearchDefaults("beam", 300, 20,
                Map.of("beam", Map.of("width", 2, "aggregation", "min"))));
        assertThat(config.defaults().spec("beam")).isEqualTo(new AlgorithmSpec.Beam(2, 4, Aggregation.MIN));
    }

    @Test
    void keysNotGivenTakeTheirDefaults() throws IOException {
        ModelConfig config = read("{" + REQUIRED + ", \"device\": null}");

        assertThat(config.defaults()).isEqualTo(SearchDefaults.BUILT_IN);
        assertThat(config.onnx()).isEqualTo(ModelConfig.OnnxSettings.NONE);
        assertThat(config.device()).isEqualTo("cpu");
        assertThat(config.prmStyle()).isNull();
    }

    @Test
    void aPrmStyleIsReadByItsKey() throws IOException {
        ModelConfig config = read("{\"task\": \"game24\", \"policy\": \"simulated\", \"prm\": \"prm\","
                + " \"prmStyle\": \"value-head\"}");

        assertThat(config.prmStyle()).isEqualTo("value-head");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        // what Jackson now refuses: an unknown key, a repeated one, text after the object, a value of another type
        "\"budgetToken\": 50|: unknown key \"budgetToken\"; did you mean \"budgetTokens\"?",
        "\"prm\": \"prm\"| is not valid JSON: Duplicate field 'prm'",
        "\"budgetTokens\": 5} {| is not valid JSON: Trailing token",
        "\"budgetTokens\": \"5\"|: \"budgetTokens\" must be an integer, was \"5\"",
        "\"budgetTokens\": 5.0|: \"budgetTokens\" must be an integer, was 5.0",
        "\"kvCacheBytes\": 100000000000000000000|: \"kvCacheBytes\" must be an integer, was 100000000000000000000",
        "\"temperature\": \"hot\"|: \"temperature\" must be a number, was \"hot\"",
        "\"device\": 0|: \"device\" must be a non-empty string, was 0",
        "\"variant\": true|: \"variant\" must be a non-empty string, was true",
        "\"prmStyle\": \"step_tag\"|: \"prmStyle\" must be one of step-tag, token-classification, value-head, was \"step_tag\"",
        "\"taskSettings\": [1]|: \"taskSettings\" must be an object of settings, was [1]",
        "\"algorithms\": {\"beam\": 3}|: \"algorithms.beam\" must be an object of settings, was 3",
        // what the checks after binding refuse
        "\"budgetTokens\": 0|: \"budgetTokens\" must be a positive integer, was 0",
        "\"maxBatchTokens\": -3|: \"maxBatchTokens\" must be a positive integer, was -3",
        "\"kvCacheBytes\": -1|: \"kvCacheBytes\" must be an integer >= 0, was -1",
        "\"temperature\": -0.5|: \"temperature\" must be a number >= 0, was -0.5",
        "\"topP\": 0|: \"topP\" must be a number in (0, 1], was 0",
        "\"topP\": 1.5|: \"topP\" must be a number in (0, 1], was 1.5",
        "\"algorithm\": \" \"|: \"algorithm\" must be a non-empty string, was \" \"",
        "\"algorithm\": \"mcts\"|: \"algorithm\": unknown algorithm 'mcts'",
        "\"prmStyle\": \"step-tag\"|: \"prmStyle\" describes an ONNX PRM, but \"prm\" is \"simulated\"",
        "\"simulated\": {\"slipRate\": [0.1]}|: \"simulated\": \"slipRate\" must be a string, number or boolean, was [0.1]",
        "\"algorithms\": {\"beam\": null}|: \"algorithms.beam\" must be an object of settings, was null",
        "\"algorithms\": {\"beam\": {\"width\": true}}|: \"algorithms.beam\": beam setting 'width' must be a number, was true",
        "\"algorithms\": {\"beam\": {\"width\": -2}}|: \"algorithms.beam\": width must be >= 0, was -2",
        "\"algorithms\": {\"tree\": {}}|: \"algorithms.tree\": unknown algorithm 'tree'",
    })
    void aBadValueNamesTheFileTheKeyAndWhatWasExpected(String keys, String expected) throws IOException {
        Files.writeString(model.resolve(ModelConfig.FILE_NAME), "{" + REQUIRED + ", " + keys + "}");

        assertThatThrownBy(() -> ModelConfig.read(model)).isInstanceOf(ModelException.class)
                .hasMessageStartingWith(model.resolve(ModelConfig.FILE_NAME) + expected);
    }

    @Test
    void aMissingOrEmptyRequiredKeyIsNamed() throws IOException {
        Path file = model.resolve(ModelConfig.FILE_NAME);
        assertThatThrownBy(() -> read("{\"policy\": \"simulated\", \"prm\": \"simulated\"}"))
                .hasMessage(file + " is missing \"task\"");
        assertThatThrownBy(() -> read("{\"task\": \"game24\", \"policy\": null, \"prm\": \"simulated\"}"))
                .hasMessage(file + " is missing \"policy\"");
        assertThatThrownBy(() -> read("{\"task\": \"game24\", \"policy\": \"simulated\", \"prm\": \"\"}"))
                .hasMessage(file + ": \"prm\" must be a non-empty string, was \"\"");
        assertThatThrownBy(() -> read("[]")).hasMessage(file + " must hold a JSON object");
        assertThatThrownBy(() -> read("")).hasMessage(file + " must hold a JSON object");
    }

    @Test
    void anUnknownKeyListsTheKnownOnes() {
        assertThatThrownBy(() -> read("{" + REQUIRED + ", \"zzz\": 1}"))
                .hasMessage(model.resolve(ModelConfig.FILE_NAME) + ": unknown key \"zzz\" (known keys: algorithm,"
                        + " algorithms, budgetTokens, device, intraOpThreads, kvCacheBytes, maxBatchSequences,"
                        + " maxBatchTokens, maxStepTokens, policy, prm, prmStyle, prmVariant, simulated, task,"
                        + " taskSettings, temperature, topK, topP, valueCacheEntries, variant)");
    }
}
