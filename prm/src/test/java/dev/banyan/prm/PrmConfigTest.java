package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrmConfigTest {
    private static final String GAME24 = """
            {"style": "step-tag", "tag": "#", "good": "+", "bad": "-",
             "prompt_template": "Input: {question}\\nSteps:\\n", "step_suffix": " #\\n"}""";

    @TempDir
    Path temp;

    private Path write(String json) throws IOException {
        return Files.writeString(temp.resolve("prm.json"), json);
    }

    @Test
    void readsTheDemoGame24Config() throws IOException {
        Path file = write(GAME24);
        PrmConfig config = PrmConfig.read(file);
        assertThat(config.style()).isEqualTo(PrmConfig.Style.STEP_TAG);
        assertThat(config.tag()).isEqualTo("#");
        assertThat(config.good()).isEqualTo("+");
        assertThat(config.bad()).isEqualTo("-");
        assertThat(config.stepSuffix()).isEqualTo(" #\n");
        assertThat(config.output()).as("default output").isEqualTo("logits");
        assertThat(config.prompt("4 9 10 13")).isEqualTo("Input: 4 9 10 13\nSteps:\n");
        assertThat(config.file()).isEqualTo(file);
    }

    @Test
    void readsATokenClassificationAndAValueHeadConfigWithTheirDefaults() throws IOException {
        PrmConfig classifier = PrmConfig.read(write("""
                {"style": "token-classification", "tag": "<extra_0>", "prompt_template": "{question}\\n",
                 "step_suffix": "<extra_0>"}"""));
        assertThat(classifier.positiveIndex()).isEqualTo(1);
        assertThat(classifier.good()).isNull();

        PrmConfig value = PrmConfig.read(write("""
                {"style": "value-head", "output": "values", "prompt_template": "{question}\\n", "step_suffix": "\\n"}"""));
        assertThat(value.tag()).as("value heads read each step's last token by default").isNull();
        assertThat(value.activation()).isEqualTo(PrmConfig.Activation.CLIP);
        assertThat(value.output()).isEqualTo("values");

        PrmConfig sigmoid = PrmConfig.read(write("""
                {"style": "value-head", "activation": "sigmoid", "prompt_template": "{question}", "step_suffix": "\\n"}"""));
        assertThat(sigmoid.activation()).isEqualTo(PrmConfig.Activation.SIGMOID);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"style\": \"step-tag\", \"tag\": \"#\", \"good\": \"+\", \"bad\": \"-\", \"prompt_template\": \"{question}\", \"step_suffix\": \" #\", \"tga\": 1}|unknown keys [tga]",
        "{\"style\": \"prm\", \"prompt_template\": \"{question}\", \"step_suffix\": \"\"}|style \"prm\" is not one of [step-tag, token-classification, value-head]",
        "{\"style\": \"step-tag\", \"tag\": \"#\", \"good\": \"+\", \"bad\": \"-\", \"step_suffix\": \" #\"}|missing prompt_template",
        "{\"style\": \"step-tag\", \"tag\": \"#\", \"good\": \"+\", \"bad\": \"-\", \"prompt_template\": \"Input:\", \"step_suffix\": \" #\"}|prompt_template must hold {question} exactly once",
        "{\"style\": \"step-tag\", \"tag\": \"#\", \"good\": \"+\", \"bad\": \"-\", \"prompt_template\": \"{question}\", \"step_suffix\": \"\\n\"}|step_suffix \"\\n\" must hold the tag \"#\" exactly once",
        "{\"style\": \"step-tag\", \"good\": \"+\", \"bad\": \"-\", \"prompt_template\": \"{question}\", \"step_suffix\": \" #\"}|style step-tag needs a tag",
        "{\"style\": \"step-tag\", \"tag\": \"#\", \"good\": \"+\", \"prompt_template\": \"{question}\", \"step_suffix\": \" #\"}|style step-tag needs both good and bad tokens",
        "{\"style\": \"step-tag\", \"tag\": \"#\", \"good\": \"+\", \"bad\": \"+\", \"prompt_template\": \"{question}\", \"step_suffix\": \" #\"}|good and bad are the same token \"+\"",
        "{\"style\": \"value-head\", \"good\": \"+\", \"bad\": \"-\", \"prompt_template\": \"{question}\", \"step_suffix\": \"\"}|good and bad belong to style step-tag only, not value-head",
        "{\"style\": \"value-head\", \"activation\": \"tanh\", \"prompt_template\": \"{question}\", \"step_suffix\": \"\"}|activation \"tanh\" is not one of [clip, sigmoid]",
        "{\"style\": \"token-classification\", \"tag\": \"#\", \"activation\": \"sigmoid\", \"prompt_template\": \"{question}\", \"step_suffix\": \"#\"}|activation belongs to style value-head only",
        "{\"style\": \"token-classification\", \"tag\": \"#\", \"positive_index\": 2, \"prompt_template\": \"{question}\", \"step_suffix\": \"#\"}|positive_index must be 0 or 1, was 2",
        "{\"style\": \"value-head\", \"output\": 3, \"prompt_template\": \"{question}\", \"step_suffix\": \"\"}|output must be a string, was 3",
        "{\"style\": \"step-tag\", \"tag\": \"#\", \"good\": \"+\", \"bad\": \"-\", \"prompt_template\": \"{question}\", \"step_suffix\": \" #\", \"tga\": 1, \"zzz\": 2}|unknown keys [tga, zzz]; expected some of [activation, bad, good, output, positive_index, prompt_template, step_suffix, style, tag] (did you mean \"tag\" for \"tga\"?)",
        "{\"style\": \"step-tag\", \"tag\": \"#\", \"good\": \"+\", \"bad\": \"-\", \"prompt_template\": \"{question}\", \"step_suffix\": \" #\", \"tag\": \"#\"}|not valid JSON: Duplicate field 'tag'",
        "{\"style\": \"value-head\", \"prompt_template\": \"{question}\", \"step_suffix\": \"\"} {}|not valid JSON: Trailing token",
        "{\"style\": \"STEP-TAG\", \"prompt_template\": \"{question}\", \"step_suffix\": \"\"}|style \"STEP-TAG\" is not one of [step-tag, token-classification, value-head]",
        "{\"style\": 0, \"prompt_template\": \"{question}\", \"step_suffix\": \"\"}|style 0 is not one of [step-tag, token-classification, value-head]",
        "{\"style\": \"token-classification\", \"tag\": \"#\", \"positive_index\": \"1\", \"prompt_template\": \"{question}\", \"step_suffix\": \"#\"}|positive_index must be an integer, was \"1\"",
        "{\"style\": \"token-classification\", \"tag\": \"#\", \"positive_index\": 1.0, \"prompt_template\": \"{question}\", \"step_suffix\": \"#\"}|positive_index must be an integer, was 1.0",
        "{\"style\": \"token-classification\", \"tag\": \"#\", \"positive_index\": -1, \"prompt_template\": \"{question}\", \"step_suffix\": \"#\"}|positive_index must be 0 or 1, was -1",
        "{\"style\": \"step-tag\", \"tag\": \"#\", \"good\": \"+\", \"bad\": \"-\", \"positive_index\": 1, \"prompt_template\": \"{question}\", \"step_suffix\": \" #\"}|positive_index belongs to style token-classification only, not step-tag",
        "{\"style\": \"step-tag\", \"tag\": true, \"good\": \"+\", \"bad\": \"-\", \"prompt_template\": \"{question}\", \"step_suffix\": \" #\"}|tag must be a string, was true",
        "{\"style\": \"value-head\", \"prompt_template\": [\"{question}\"], \"step_suffix\": \"\"}|prompt_template must be a string, was [\"{question}\"]",
        "{\"style\": \"value-head\", \"prompt_template\": null, \"step_suffix\": \"\"}|missing prompt_template",
        "{\"style\": \"value-head\", \"output\": \"\", \"prompt_template\": \"{question}\", \"step_suffix\": \"\"}|output must name a graph output, was empty",
        "[1, 2]|expected a JSON object",
        "{\"style\": |not valid JSON",
    })
    void rejectsAMalformedConfigNamingTheFileAndTheKey(String json, String expected) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> PrmConfig.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prm.json (" + file + ")")
                .hasMessageContaining(expected);
    }
}
