package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prm.json that does not fit its tokenizer or graph fails at build, naming both and what was expected. */
class LoadingErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** A copy of {@code fixture} with its prm.json edited. */
    private Path withPrmJson(String fixture, Consumer<ObjectNode> edit) throws IOException {
        Path dir = Fixtures.copy(fixture, temp.resolve("model"));
        ObjectNode prm = (ObjectNode) JSON.readTree(dir.resolve("prm.json").toFile());
        edit.accept(prm);
        JSON.writeValue(dir.resolve("prm.json").toFile(), prm);
        return dir;
    }

    private static void assertBuildFails(Path dir, String... fragments) {
        assertThatThrownBy(() -> PrmEngine.builder(dir).intraOpThreads(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(fragments);
    }

    @Test
    void aGoodTokenMissingFromTheTokenizerNamesPrmJsonTheTokenAndTheTokenizer() throws IOException {
        Path dir = withPrmJson(Fixtures.STEP_TAG, prm -> prm.put("good", "✓"));
        assertBuildFails(dir, "prm.json (" + dir.resolve("prm.json") + ")", "good \"✓\"",
                "tokenizer.json (" + dir.resolve("tokenizer.json") + ")", "expected the text of exactly one token");
    }

    @Test
    void aTokenThatIsTwoTokensIsRejected() throws IOException {
        Path dir = withPrmJson(Fixtures.STEP_TAG, prm -> prm.put("bad", "--"));
        assertBuildFails(dir, "prm.json", "bad \"--\"", "tokenizer.json");
    }

    @Test
    void aMissingTagTokenIsNamed() throws IOException {
        Path dir = withPrmJson(Fixtures.TOKEN_CLS, prm -> {
            prm.put("tag", "<step>");
            prm.put("step_suffix", "<step>\n");
        });
        assertBuildFails(dir, "prm.json", "tag \"<step>\"", "tokenizer.json");
    }

    @Test
    void aMissingOutputNamesTheGraphTheTensorAndPrmJson() throws IOException {
        Path dir = withPrmJson(Fixtures.VALUE, prm -> prm.put("output", "rewards"));
        assertBuildFails(dir, dir.resolve("model.onnx").toString(), "missing output rewards", "values",
                "prm.json " + dir.resolve("prm.json"), "style value-head");
    }

    @Test
    void aStepTagGraphReadAsTokenClassificationNamesTheShapeExpected() throws IOException {
        Path dir = withPrmJson(Fixtures.STEP_TAG, prm -> {
            prm.put("style", "token-classification");
            prm.remove("good");
            prm.remove("bad");
        });
        assertBuildFails(dir, dir.resolve("model.onnx").toString(), "output logits has shape [-1, -1, 88]",
                "expected [batch, seq, 2]", "style token-classification");
    }

    @Test
    void aClassifierReadAsAValueHeadNamesTheShapesExpected() throws IOException {
        Path dir = withPrmJson(Fixtures.TOKEN_CLS, prm -> {
            prm.put("style", "value-head");
            prm.remove("tag");
            prm.put("step_suffix", "\n");
        });
        assertBuildFails(dir, "model.onnx", "output logits has shape [-1, -1, 2]", "expected [batch, seq, 1] or [batch, seq]");
    }

    @Test
    void aClassifierReadAsStepTagNamesTheVocabularyWidth() throws IOException {
        Path dir = withPrmJson(Fixtures.TOKEN_CLS, prm -> {
            prm.put("style", "step-tag");
            prm.put("good", "+");
            prm.put("bad", "-");
        });
        assertBuildFails(dir, "model.onnx", "output logits", "expected [batch, seq, 88]", "vocab_size=88");
    }

    @Test
    void aTokenBeyondTheModelsVocabularyIsNamed() throws IOException {
        Path dir = withPrmJson(Fixtures.VALUE, prm -> {
            prm.put("tag", "#");
            prm.put("step_suffix", " #\n");
        });
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.put("vocab_size", 50);
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
        // The tokenizer as a whole is checked against the embedding at load, before any prm.json token.
        assertBuildFails(dir, "prm.json", "tokenizer.json has 88 tokens", "vocab_size=50 in " + dir.resolve("config.json"));
    }

    @Test
    void aDirectoryWithoutPrmJsonSaysSo() throws IOException {
        Path dir = Fixtures.copy(Fixtures.STEP_TAG, temp.resolve("model"));
        Files.delete(dir.resolve("prm.json"));
        assertBuildFails(dir, dir.toString(), "has no prm.json");
    }
}
