package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading any output at any new token of a row, and checking a graph for another readout than the policy's. */
class ReadoutTest {

    @Test
    void theOutputAtEveryNewTokenMatchesRecomputingUpToIt() throws OrtException {
        try (DecoderModel model = Fixtures.load(Fixtures.LLAMA)) {
            long[] tokens = Fixtures.randomTokens(new Random(3), 12, model.config.vocabSize());
            ForwardPass pass = model.newPass();
            SequenceKv prefilled = new SequenceKv(model.layout, null, 0, 16);
            pass.add(prefilled, tokens, 0, 4);
            pass.run();
            // A row continuing after 4 tokens beside a shorter fresh one: both left-padded to width 8.
            pass.clear();
            pass.add(prefilled, tokens, 4, 8);
            pass.add(new SequenceKv(model.layout, null, 0, 8), tokens, 0, 3);
            pass.run();
            float[] output = new float[model.config.vocabSize()];
            for (int i = 0; i < 8; i++) {
                pass.output(0, i, output);
                ForwardPassTest.assertClose(output, recompute(model, tokens, 4 + i + 1), 1e-4, "row 0 token " + i);
            }
            for (int i = 0; i < 3; i++) {
                pass.output(1, i, output);
                ForwardPassTest.assertClose(output, recompute(model, tokens, i + 1), 1e-4, "row 1 token " + i);
            }
            pass.output(0, 7, output);
            assertThat(output).containsExactly(pass.logits(0));
            assertThatThrownBy(() -> pass.output(1, 3, new float[model.config.vocabSize()]))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void aMissingReadoutNamesTheGraphAndTheOutput() {
        assertThatThrownBy(() -> DecoderModel.load(Fixtures.dir(Fixtures.LLAMA), Device.CPU, 1,
                new Readout("values", 1, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model.onnx").hasMessageContaining("missing output values");
    }

    @Test
    void aReadoutOfTheWrongWidthNamesTheShapeExpected() {
        assertThatThrownBy(() -> DecoderModel.load(Fixtures.dir(Fixtures.GPT2), Device.CPU, 1,
                new Readout("logits", 2, false)))
                .hasMessageContaining("output logits has shape").hasMessageContaining("expected [batch, seq, 2]");
    }

    @Test
    void aGraphWithKvMayBeReadWithKvOptional() {
        try (DecoderModel model = DecoderModel.load(Fixtures.dir(Fixtures.LLAMA), Device.CPU, 1,
                new Readout("logits", Readout.VOCABULARY, false))) {
            assertThat(model.signature.hasKv()).isTrue();
            assertThat(model.signature.readout().width()).isEqualTo(model.config.vocabSize());
            assertThat(model.layout.layers()).isEqualTo(model.config.layers());
        }
    }

    private static float[] recompute(DecoderModel model, long[] tokens, int count) throws OrtException {
        ForwardPass pass = model.newPass();
        pass.add(new SequenceKv(model.layout, null, 0, count), tokens, 0, count);
        pass.run();
        return pass.logits(0).clone();
    }
}
