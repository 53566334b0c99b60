package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxJavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelLoadingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void readsEachFixturesShapeAndSignature() {
        try (DecoderModel llama = Fixtures.load(Fixtures.LLAMA);
             DecoderModel gpt2 = Fixtures.load(Fixtures.GPT2);
             DecoderModel half = Fixtures.load(Fixtures.LLAMA_FP16_KV)) {
            assertThat(llama.config.kvHeads()).isEqualTo(2);
            assertThat(llama.config.heads()).isEqualTo(4);
            assertThat(llama.signature.hasPositionIds()).isTrue();
            assertThat(llama.signature.kvType()).isEqualTo(OnnxJavaType.FLOAT);
            assertThat(gpt2.signature.hasPositionIds()).isFalse();
            assertThat(gpt2.config.kvHeads()).isEqualTo(gpt2.config.heads());
            assertThat(half.signature.kvType()).isEqualTo(OnnxJavaType.FLOAT16);
            assertThat(half.layout.bytesPerToken()).isEqualTo(llama.layout.bytesPerToken() / 2);
            assertThat(llama.config.isEos(2)).isTrue();
        }
    }

    @Test
    void tokenizerRoundTripsGameOf24Text() {
        try (DecoderModel model = Fixtures.load(Fixtures.LLAMA)) {
            String text = "Input: 4 9 10 13\nSteps:\n13 - 9 = 4 (left: 4 4 10)\n(10 - 4) * 4 = 24\n";
            long[] ids = model.codec.encode(text);
            assertThat(ids[0]).as("BOS from the post-processor").isEqualTo(model.config.bosTokenId());
            assertThat(ids).hasSize(text.length() + 1).doesNotContain(3L); // one id per character, no <unk>
            assertThat(model.codec.decode(ids, ids.length)).isEqualTo(text);
            long[] longer = model.codec.encode(text + "24");
            assertThat(java.util.Arrays.copyOf(longer, ids.length)).as("prefix-stable").isEqualTo(ids);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"config.json", "tokenizer.json", "model.onnx"})
    void missingFileIsNamedWithItsDirectory(String missing) throws IOException {
        Path dir = Fixtures.copy(Fixtures.LLAMA, temp.resolve("model"));
        Files.delete(dir.resolve(missing));
        assertThatThrownBy(() -> DecoderModel.load(dir, Device.CPU, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining(missing);
    }

    @Test
    void missingDirectoryIsNamed() {
        Path dir = temp.resolve("nowhere");
        assertThatThrownBy(() -> DecoderModel.load(dir, Device.CPU, 1))
                .hasMessageContaining(dir.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void mergedDecoderFileNameIsAccepted() throws IOException {
        Path dir = Fixtures.copy(Fixtures.LLAMA, temp.resolve("merged"));
        Files.move(dir.resolve("model.onnx"), dir.resolve("decoder_model_merged.onnx"));
        try (DecoderModel model = DecoderModel.load(dir, Device.CPU, 1)) {
            assertThat(model.files.graph().getFileName().toString()).isEqualTo("decoder_model_merged.onnx");
        }
    }

    @Test
    void wrongKvHeadCountNamesTheTensorAndTheExpectedShape() throws IOException {
        Path dir = configWith("num_key_value_heads", 4);
        assertThatThrownBy(() -> DecoderModel.load(dir, Device.CPU, 1))
                .hasMessageContaining(dir.resolve("model.onnx").toString())
                .hasMessageContaining("past_key_values.0.key")
                .hasMessageContaining("[-1, 2, -1, 16]")
                .hasMessageContaining("expected [batch, 4, past, 16]");
    }

    @Test
    void wrongHeadDimNamesTheTensor() throws IOException {
        Path dir = configWith("head_dim", 8);
        assertThatThrownBy(() -> DecoderModel.load(dir, Device.CPU, 1))
                .hasMessageContaining("model.onnx").hasMessageContaining("past_key_values.0.key")
                .hasMessageContaining("head_dim=8");
    }

    @Test
    void moreLayersThanTheGraphNamesTheMissingTensor() throws IOException {
        Path dir = configWith("num_hidden_layers", 3);
        assertThatThrownBy(() -> DecoderModel.load(dir, Device.CPU, 1))
                .hasMessageContaining("model.onnx").hasMessageContaining("missing input past_key_values.2.key");
    }

    @Test
    void fewerLayersThanTheGraphIsReported() throws IOException {
        Path dir = configWith("num_hidden_layers", 1);
        assertThatThrownBy(() -> DecoderModel.load(dir, Device.CPU, 1))
                .hasMessageContaining("model.onnx").hasMessageContaining("past_key_values.1.key")
                .hasMessageContaining("num_hidden_layers=1");
    }

    @Test
    void wrongVocabularyNamesLogits() throws IOException {
        Path dir = configWith("vocab_size", 1000);
        assertThatThrownBy(() -> DecoderModel.load(dir, Device.CPU, 1))
                .hasMessageContaining("output logits").hasMessageContaining("vocab_size=1000");
    }

    @Test
    void missingConfigFieldIsNamed() throws IOException {
        Path dir = Fixtures.copy(Fixtures.LLAMA, temp.resolve("model"));
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.remove("num_attention_heads");
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
        assertThatThrownBy(() -> DecoderModel.load(dir, Device.CPU, 1))
                .hasMessageContaining("config.json").hasMessageContaining("num_attention_heads");
    }

    private Path configWith(String field, int value) throws IOException {
        Path dir = Fixtures.copy(Fixtures.LLAMA, temp.resolve("model"));
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.put(field, value);
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
        return dir;
    }
}
