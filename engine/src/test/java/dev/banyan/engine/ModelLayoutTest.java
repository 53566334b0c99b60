package dev.banyan.engine;

import static dev.banyan.engine.EngineHarness.CONTEXT;
import static dev.banyan.engine.EngineHarness.propose;
import static dev.banyan.engine.EngineHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxJavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.search.StepProposal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory layouts a model comes in (optimum's root graph, transformers.js' {@code onnx/} variants, external
 * weights), all derived at test time from the committed fixtures, and the load-time failures of bad directories.
 */
class ModelLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    // ---- onnx/ variants ----

    @Test
    void severalVariantsWithoutAChoiceFailListingThem() throws IOException {
        Path dir = twoVariants(Fixtures.LLAMA, Fixtures.LLAMA_FP16_KV);
        assertThatThrownBy(() -> EngineHarness.builder(dir).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("--variant")
                .hasMessageContaining("fp16 (onnx/model_fp16.onnx)")
                .hasMessageContaining("fp32 (onnx/model.onnx)");
    }

    @Test
    void aVariantIsChosenByNameOrFileAndDecodesAsTheRootGraph() throws IOException {
        Path dir = twoVariants(Fixtures.LLAMA, Fixtures.LLAMA_FP16_KV);
        List<String> root = greedy(Fixtures.dir(Fixtures.LLAMA), null);
        List<String> rootHalf = greedy(Fixtures.dir(Fixtures.LLAMA_FP16_KV), null);
        assertThat(greedy(dir, "fp32")).isEqualTo(root);
        assertThat(greedy(dir, "model.onnx")).isEqualTo(root);
        assertThat(greedy(dir, "fp16")).isEqualTo(rootHalf);
        assertThat(greedy(dir, "onnx/model_fp16.onnx")).isEqualTo(rootHalf);
        try (DecoderModel half = DecoderModel.load(dir, "fp16", Device.CPU, 1, Readout.logits())) {
            assertThat(half.signature.kvType()).isEqualTo(OnnxJavaType.FLOAT16);
            assertThat(half.files.variant()).isEqualTo("fp16");
            assertThat(half.files.graph()).isEqualTo(dir.resolve("onnx/model_fp16.onnx"));
        }
    }

    @Test
    void aVariantThatIsNotThereIsNamedWithThoseThatAre() throws IOException {
        Path dir = twoVariants(Fixtures.LLAMA, Fixtures.LLAMA_FP16_KV);
        assertThatThrownBy(() -> EngineHarness.builder(dir).variant("q4").build())
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("no variant \"q4\"")
                .hasMessageContaining("fp16 (onnx/model_fp16.onnx), fp32 (onnx/model.onnx)");
        Path optimum = Fixtures.copy(Fixtures.LLAMA, temp.resolve("optimum"));
        assertThatThrownBy(() -> EngineHarness.builder(optimum).variant("fp16").build())
                .hasMessageContaining(optimum.toString()).hasMessageContaining("no variant \"fp16\"")
                .hasMessageContaining("model.onnx at the root");
    }

    @Test
    void aLoneVariantIsFoundWithoutAChoiceAndARootGraphWinsOverTheFolder() throws IOException {
        Path lone = Fixtures.copy(Fixtures.LLAMA_FP16_KV, temp.resolve("lone"));
        Files.createDirectories(lone.resolve("onnx"));
        Files.move(lone.resolve("model.onnx"), lone.resolve("onnx/model_q4.onnx"));
        try (DecoderModel model = DecoderModel.load(lone, null, Device.CPU, 1, Readout.logits())) {
            assertThat(model.files.variant()).isEqualTo("q4");
        }
        Path both = Fixtures.copy(Fixtures.LLAMA, temp.resolve("both"));
        Files.createDirectories(both.resolve("onnx"));
        Files.copy(Fixtures.dir(Fixtures.LLAMA_FP16_KV).resolve("model.onnx"), both.resolve("onnx/model_fp16.onnx"));
        try (DecoderModel model = DecoderModel.load(both, null, Device.CPU, 1, Readout.logits())) {
            assertThat(model.files.graph()).isEqualTo(both.resolve("model.onnx"));
            assertThat(model.files.variant()).isNull();
        }
        try (DecoderModel model = DecoderModel.load(both, "fp16", Device.CPU, 1, Readout.logits())) {
            assertThat(model.signature.kvType()).isEqualTo(OnnxJavaType.FLOAT16);
        }
    }

    @Test
    void qwenVariantsInTheOnnxFolderDecodeAsAtTheRoot() throws IOException {
        Path dir = twoVariants(Fixtures.QWEN, Fixtures.QWEN_FP16);
        assertThat(greedy(dir, "fp32")).isEqualTo(greedy(Fixtures.dir(Fixtures.QWEN), null));
        assertThat(greedy(dir, "fp16")).isEqualTo(greedy(Fixtures.dir(Fixtures.QWEN_FP16), null));
    }

    // ---- external data ----

    @Test
    void externalDataBesideTheGraphIsReadAndDecodesAsTheOriginal() throws IOException {
        for (String dataName : new String[] {"model.onnx_data", "model.onnx.data"}) {
            Path dir = Fixtures.withExternalData(Fixtures.LLAMA, temp.resolve(dataName), dataName);
            assertThat(ExternalData.locations(dir.resolve("model.onnx"))).containsExactly(dataName);
            assertThat(Files.size(dir.resolve(dataName))).isGreaterThan(Files.size(dir.resolve("model.onnx")));
            assertThat(greedy(dir, null)).isEqualTo(greedy(Fixtures.dir(Fixtures.LLAMA), null));
        }
        assertThat(ExternalData.locations(Fixtures.dir(Fixtures.LLAMA).resolve("model.onnx"))).isEmpty();
    }

    @Test
    void qwenWithExternalDataDecodesAsTheOriginal() throws IOException {
        Path dir = Fixtures.withExternalData(Fixtures.QWEN, temp.resolve("qwen-external"), "model.onnx_data");
        assertThat(Files.size(dir.resolve("model.onnx"))).isLessThan(1 << 20);
        assertThat(greedy(dir, null)).isEqualTo(greedy(Fixtures.dir(Fixtures.QWEN), null));
    }

    @Test
    void aMissingExternalDataFileIsNamed() throws IOException {
        Path dir = Fixtures.withExternalData(Fixtures.LLAMA, temp.resolve("external"), "model.onnx_data");
        Files.delete(dir.resolve("model.onnx_data"));
        assertThatThrownBy(() -> EngineHarness.builder(dir).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("model.onnx").toString())
                .hasMessageContaining("external data file " + dir.resolve("model.onnx_data"))
                .hasMessageContaining("missing");
    }

    // ---- bad directories ----

    @Test
    void aTokenizerLargerThanTheEmbeddingFailsNamingBothFiles() throws IOException {
        Path dir = Fixtures.copy(Fixtures.LLAMA, temp.resolve("model"));
        ObjectNode tokenizer = (ObjectNode) JSON.readTree(dir.resolve("tokenizer.json").toFile());
        ObjectNode extra = ((ArrayNode) tokenizer.get("added_tokens")).addObject();
        extra.put("id", 99).put("content", "<|extra|>").put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
        JSON.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer);
        assertThat(TextCodec.vocabularySize(dir.resolve("tokenizer.json"))).isEqualTo(100);
        assertThatThrownBy(() -> EngineHarness.builder(dir).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json") + " has 100 tokens")
                .hasMessageContaining("vocab_size=86 in " + dir.resolve("config.json"));
    }

    @Test
    void qwensTokenizerCountsItsAddedTokens() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Fixtures.hasQwenTokenizer(), "Qwen's tokenizer is absent");
        assertThat(TextCodec.vocabularySize(Fixtures.QWEN_TOKENIZER.resolve("tokenizer.json"))).isEqualTo(151_669);
    }

    @Test
    void aGraphWithoutAnInputTheLayoutNeedsIsNamed() throws IOException {
        Path dir = Fixtures.copy(Fixtures.LLAMA, temp.resolve("renamed"));
        // Same-length renames keep the protobuf valid: the graph is consistent, its inputs are named otherwise.
        rename(dir.resolve("model.onnx"), "attention_mask", "attn_mask_2024");
        assertThatThrownBy(() -> EngineHarness.builder(dir).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("model.onnx").toString())
                .hasMessageContaining("missing input attention_mask")
                .hasMessageContaining("attn_mask_2024");
        Path past = Fixtures.copy(Fixtures.LLAMA, temp.resolve("past"));
        rename(past.resolve("model.onnx"), "past_key_values.", "past_key_valuez.");
        assertThatThrownBy(() -> EngineHarness.builder(past).build())
                .hasMessageContaining(past.resolve("model.onnx").toString())
                .hasMessageContaining("missing input past_key_values.0.key")
                .hasMessageContaining("past_key_valuez.0.key");
    }

    @Test
    void aPolicyWithoutEosFailsNamingBothConfigs() throws IOException {
        Path dir = Fixtures.copy(Fixtures.LLAMA, temp.resolve("model"));
        for (String file : new String[] {"config.json", "generation_config.json"}) {
            ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve(file).toFile());
            config.remove("eos_token_id");
            JSON.writeValue(dir.resolve(file).toFile(), config);
        }
        assertThatThrownBy(() -> EngineHarness.builder(dir).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eos_token_id is missing from " + dir.resolve("generation_config.json")
                        + " and " + dir.resolve("config.json"));
    }

    // ---- generation_config.json's sampling defaults ----

    @Test
    void samplingDefaultsComeFromGenerationConfigWhereTheBuilderGivesNone() throws IOException {
        Path dir = Fixtures.copy(Fixtures.LLAMA, temp.resolve("model"));
        ObjectNode generation = (ObjectNode) JSON.readTree(dir.resolve("generation_config.json").toFile());
        generation.put("temperature", 0.7).put("top_k", 20).put("top_p", 0.8).put("eos_token_id", 2);
        JSON.writeValue(dir.resolve("generation_config.json").toFile(), generation);
        try (PolicyEngine engine = EngineHarness.builder(dir).build()) {
            assertThat(engine.sampling()).isEqualTo(new DecoderConfig.Sampling(0.7, 20, 0.8));
        }
        try (PolicyEngine engine = EngineHarness.builder(dir).temperature(1.0).topP(1.0).build()) {
            assertThat(engine.sampling()).isEqualTo(new DecoderConfig.Sampling(1.0, 20, 1.0));
        }
        try (PolicyEngine engine = EngineHarness.engine(Fixtures.LLAMA)) {
            assertThat(engine.sampling()).isEqualTo(new DecoderConfig.Sampling(1.0, 0, 1.0));
        }
        generation.put("top_p", 1.5);
        JSON.writeValue(dir.resolve("generation_config.json").toFile(), generation);
        assertThatThrownBy(() -> EngineHarness.builder(dir).build())
                .hasMessageContaining("generation_config.json (" + dir.resolve("generation_config.json") + ")")
                .hasMessageContaining("top_p must be a number in (0, 1], was 1.5");
    }

    // ---- helpers ----

    /** A directory in the onnx-community layout: {@code onnx/model.onnx} and {@code onnx/model_fp16.onnx}. */
    private Path twoVariants(String fp32, String fp16) throws IOException {
        Path dir = Fixtures.copy(fp32, temp.resolve("community"));
        Files.createDirectories(dir.resolve("onnx"));
        Files.move(dir.resolve("model.onnx"), dir.resolve("onnx/model.onnx"));
        Files.copy(Fixtures.dir(fp16).resolve("model.onnx"), dir.resolve("onnx/model_fp16.onnx"));
        return dir;
    }

    /** The text of a greedy proposal from {@code dir}'s {@code variant}, for comparing layouts. */
    private static List<String> greedy(Path dir, String variant) {
        try (PolicyEngine engine = EngineHarness.builder(dir).variant(variant).cacheBytes(0).build()) {
            return propose(engine, request(CONTEXT, List.of(), 1, true, 0, 12)).stream()
                    .map(StepProposal::text).toList();
        }
    }

    private static void rename(Path graph, String from, String to) throws IOException {
        assertThat(to).hasSameSizeAs(from);
        String bytes = new String(Files.readAllBytes(graph), StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains(from);
        Files.write(graph, bytes.replace(from, to).getBytes(StandardCharsets.ISO_8859_1));
    }
}
