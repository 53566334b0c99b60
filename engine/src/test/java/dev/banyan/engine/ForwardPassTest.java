package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batched, KV-cached pass against its slow twin: every prefix recomputed from scratch, one row alone.
 * Tolerances: 1e-4 absolute on logits with float32 KV (float rounding of differently shaped matmuls),
 * 2e-2 with float16 KV (the cache itself is rounded to 11 significant bits), 5e-2 with float16 KV and float16
 * logits over Qwen's vocabulary (logits of about 16 in magnitude, rounded to 2^-7). The Qwen fixtures
 * (151,669-token vocabulary) run where Qwen's tokenizer is beside the clone.
 */
class ForwardPassTest {

    private static double tolerance(String fixture) {
        return fixture.equals(Fixtures.LLAMA_FP16_KV) ? 2e-2 : fixture.equals(Fixtures.QWEN_FP16) ? 5e-2 : 1e-4;
    }

    /** Batched against alone: the same maths in other shapes; float16 logits differ by a rounding step or two. */
    private static double batchTolerance(String fixture) {
        return fixture.equals(Fixtures.QWEN_FP16) ? 1.6e-2 : 1e-5;
    }

    /** Logits after the last of {@code tokens}, computed in one pass with no past. */
    private static float[] fullRecompute(DecoderModel model, long[] tokens, int count) throws OrtException {
        ForwardPass pass = model.newPass();
        pass.add(new SequenceKv(model.layout, null, 0, count), tokens, 0, count);
        pass.run();
        return pass.logits(0).clone();
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.LLAMA, Fixtures.GPT2, Fixtures.LLAMA_FP16_KV, Fixtures.QWEN, Fixtures.QWEN_FP16})
    void incrementalDecodingMatchesFullRecomputation(String fixture) throws OrtException {
        try (DecoderModel model = Fixtures.load(fixture)) {
            long[] tokens = Fixtures.randomTokens(new Random(7), 25, model.config.vocabSize());
            SequenceKv kv = new SequenceKv(model.layout, null, 0, 4);
            ForwardPass pass = model.newPass();
            // Chunks of uneven sizes, ending in single tokens as decoding does.
            int[] chunks = {5, 3, 1, 7, 1, 1, 2, 1, 1, 1, 1, 1};
            int fed = 0;
            for (int chunk : chunks) {
                pass.clear();
                pass.add(kv, tokens, fed, chunk);
                pass.run();
                fed += chunk;
                assertThat(kv.length()).isEqualTo(fed);
                float[] expected = fullRecompute(model, tokens, fed);
                assertClose(pass.logits(0), expected, tolerance(fixture), fixture + " after " + fed + " tokens");
            }
            assertThat(fed).isEqualTo(tokens.length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.LLAMA, Fixtures.GPT2, Fixtures.LLAMA_FP16_KV, Fixtures.QWEN, Fixtures.QWEN_FP16})
    void mixedLengthBatchMatchesEachRowAlone(String fixture) throws OrtException {
        try (DecoderModel model = Fixtures.load(fixture)) {
            Random random = new Random(11);
            int[] pastLengths = {5, 0, 9, 1};
            int[] chunkLengths = {1, 7, 3, 1};
            int rows = pastLengths.length;
            long[][] tokens = new long[rows][];
            SequenceKv[] batched = new SequenceKv[rows];
            SequenceKv[] alone = new SequenceKv[rows];
            for (int r = 0; r < rows; r++) {
                tokens[r] = Fixtures.randomTokens(random, pastLengths[r] + chunkLengths[r] + 1, model.config.vocabSize());
                batched[r] = prefilled(model, tokens[r], pastLengths[r]);
                alone[r] = prefilled(model, tokens[r], pastLengths[r]);
            }
            // Two passes: the second one checks the keys and values the first appended.
            for (int step = 0; step < 2; step++) {
                ForwardPass batch = model.newPass();
                for (int r = 0; r < rows; r++) {
                    batch.add(batched[r], tokens[r], batched[r].length(), step == 0 ? chunkLengths[r] : 1);
                }
                batch.run();
                for (int r = 0; r < rows; r++) {
                    ForwardPass single = model.newPass();
                    single.add(alone[r], tokens[r], alone[r].length(), step == 0 ? chunkLengths[r] : 1);
                    single.run();
                    assertClose(batch.logits(r), single.logits(0), batchTolerance(fixture), fixture + " row " + r + " step " + step);
                    assertThat(batched[r].length()).isEqualTo(alone[r].length());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.LLAMA, Fixtures.GPT2, Fixtures.LLAMA_FP16_KV, Fixtures.QWEN, Fixtures.QWEN_FP16})
    void reusingThePreviousOutputsAsPastEqualsGatheringIt(String fixture) throws OrtException {
        try (DecoderModel model = Fixtures.load(fixture)) {
            Random random = new Random(5);
            int[] pastLengths = {6, 2, 9, 4};
            int rows = pastLengths.length;
            long[][] tokens = new long[rows][];
            SequenceKv[] fast = new SequenceKv[rows];
            SequenceKv[] slow = new SequenceKv[rows];
            for (int r = 0; r < rows; r++) {
                tokens[r] = Fixtures.randomTokens(random, pastLengths[r] + 8, model.config.vocabSize());
                fast[r] = prefilled(model, tokens[r], pastLengths[r]);
                slow[r] = prefilled(model, tokens[r], pastLengths[r]);
            }
            ForwardPass reusing = model.newPass();
            int live = rows;
            for (int step = 0; step < 7; step++) {
                if (step == 4) {
                    live = rows - 1; // the last row leaves: the others keep their places, nothing is gathered
                }
                ForwardPass gathering = model.newPass(); // a fresh pass has nothing to reuse
                reusing.clear();
                for (int r = 0; r < live; r++) {
                    reusing.add(fast[r], tokens[r], fast[r].length(), 1);
                    gathering.add(slow[r], tokens[r], slow[r].length(), 1);
                }
                reusing.run();
                gathering.run();
                for (int r = 0; r < live; r++) {
                    assertThat(reusing.logits(r)).as("%s row %d step %d", fixture, r, step).isEqualTo(gathering.logits(r));
                }
                assertThat(gathering.reusedPasses()).isZero();
            }
            assertThat(reusing.reusedPasses()).as("every pass but the first").isEqualTo(6);
            for (int r = 0; r < rows; r++) {
                assertThat(fast[r].length()).isEqualTo(slow[r].length());
                for (int slot = 0; slot < model.layout.slots(); slot++) {
                    for (int head = 0; head < model.layout.kvHeads(); head++) {
                        assertThat(headBytes(model.layout, fast[r], slot, head)).as("row %d slot %d head %d keys and values", r, slot, head)
                                .isEqualTo(headBytes(model.layout, slow[r], slot, head));
                    }
                }
            }
        }
    }

    /**
     * Continuous batching: rows leave and join between single-token passes. Each pass's rows (by index into the
     * sequences below, in the order the loop would add them) and whether it can carry rows on from the previous
     * pass: the longest row must be among those carried on, or no longer than them.
     */
    @ParameterizedTest
    @ValueSource(strings = {Fixtures.LLAMA, Fixtures.GPT2, Fixtures.LLAMA_FP16_KV, Fixtures.QWEN, Fixtures.QWEN_FP16})
    void carryingRowsOnFromThePreviousOutputsEqualsGatheringThem(String fixture) throws OrtException {
        int[] pastLengths = {6, 2, 9, 4, 7, 3};
        int[][] passes = {
            {0, 1, 2, 3}, // a fresh pass: gathers
            {0, 2, 3}, // row 1 left: the others move up, the longest among them
            {0, 2, 3, 4}, // row 4 joins behind them (7 < 11 positions): gathered into its block alone
            {2, 3, 4, 5}, // row 0 left, row 5 joined: rows 2, 3 and 4 each move up one block
            {3, 4, 5}, // the longest row left: the past shrinks, so everything is gathered
            {3, 4, 5}, // unchanged: the plain reuse
            {4, 5, 1}, // row 1 (2 + 1 positions, far shorter) comes back behind
        };
        boolean[] carries = {false, true, true, true, false, false, true};
        // Rows gathered from their snapshots: all of them, or only those that joined (a row that moved is copied).
        int[] gathered = {4, 0, 1, 1, 3, 0, 1};
        try (DecoderModel model = Fixtures.load(fixture)) {
            Random random = new Random(11);
            int sequences = pastLengths.length;
            long[][] tokens = new long[sequences][];
            SequenceKv[] fast = new SequenceKv[sequences];
            SequenceKv[] slow = new SequenceKv[sequences];
            for (int r = 0; r < sequences; r++) {
                tokens[r] = Fixtures.randomTokens(random, pastLengths[r] + passes.length + 1, model.config.vocabSize());
                fast[r] = prefilled(model, tokens[r], pastLengths[r]);
                slow[r] = prefilled(model, tokens[r], pastLengths[r]);
            }
            ForwardPass carrying = model.newPass();
            for (int step = 0; step < passes.length; step++) {
                ForwardPass gathering = model.newPass();
                carrying.clear();
                for (int r : passes[step]) {
                    carrying.add(fast[r], tokens[r], fast[r].length(), 1);
                    gathering.add(slow[r], tokens[r], slow[r].length(), 1);
                }
                long carriedBefore = carrying.carriedPasses();
                long gatheredBefore = carrying.gatheredRows();
                carrying.run();
                gathering.run();
                assertThat(carrying.carriedPasses() - carriedBefore).as("%s step %d carries rows on", fixture, step)
                        .isEqualTo(carries[step] ? 1 : 0);
                assertThat(carrying.gatheredRows() - gatheredBefore).as("%s step %d rows gathered", fixture, step)
                        .isEqualTo(gathered[step]);
                for (int row = 0; row < passes[step].length; row++) {
                    assertThat(carrying.logits(row)).as("%s step %d row %d", fixture, step, passes[step][row])
                            .isEqualTo(gathering.logits(row));
                }
            }
            for (int r = 0; r < sequences; r++) {
                assertThat(fast[r].length()).isEqualTo(slow[r].length());
                for (int slot = 0; slot < model.layout.slots(); slot++) {
                    for (int head = 0; head < model.layout.kvHeads(); head++) {
                        assertThat(headBytes(model.layout, fast[r], slot, head))
                                .as("sequence %d slot %d head %d keys and values", r, slot, head)
                                .isEqualTo(headBytes(model.layout, slow[r], slot, head));
                    }
                }
            }
        }
    }

    static byte[] headBytes(KvLayout layout, SequenceKv kv, int slot, int head) {
        int bytes = kv.length() * layout.rowBytes();
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        kv.copyHead(slot, head, buffer, 0);
        return buffer.array();
    }

    private static SequenceKv prefilled(DecoderModel model, long[] tokens, int length) throws OrtException {
        SequenceKv kv = new SequenceKv(model.layout, null, 0, length + 8);
        if (length > 0) {
            ForwardPass pass = model.newPass();
            pass.add(kv, tokens, 0, length);
            pass.run();
        }
        return kv;
    }

    static void assertClose(float[] actual, float[] expected, double tolerance, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as("%s: largest logit difference; first logits %s vs %s", what,
                Arrays.toString(Arrays.copyOf(actual, 4)), Arrays.toString(Arrays.copyOf(expected, 4)))
                .isLessThanOrEqualTo(tolerance);
        assertThat(actual).as(what).doesNotContain(Float.NaN);
    }
}
