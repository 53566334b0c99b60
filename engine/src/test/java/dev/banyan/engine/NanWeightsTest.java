package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.banyan.search.StepProposal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy whose weights are NaN fails its requests saying so. Before, NaN logits compared false with everything:
 * sampling skipped them, every step came out as token 0, and the search answered nothing without a word.
 */
class NanWeightsTest {
    @Test
    void nanLogitsFailTheRequestWithTheirReason(@TempDir Path dir) throws IOException {
        Path model = copyWithNanWeights(Fixtures.dir(Fixtures.LLAMA), dir.resolve("nan-llama"));
        try (PolicyEngine engine = EngineHarness.builder(model).build()) {
            for (boolean greedy : new boolean[] {true, false}) {
                CompletableFuture<List<StepProposal>> proposals = engine.propose(
                        EngineHarness.request(EngineHarness.CONTEXT, List.of("\n"), 2, greedy, 1, 8));
                assertThatThrownBy(() -> EngineHarness.drive(engine, proposals))
                        .isInstanceOf(CompletionException.class)
                        .hasMessageContaining("the policy's logits are not finite: NaN");
            }
            assertThat(engine.loop().activeRows()).as("no row of the failed requests is left").isZero();
        }
    }

    @Test
    void samplerRefusesNanInfinityAndAllMinusInfinity() {
        Sampler sampler = new Sampler(1.0, 0, 1.0);
        float[] nanLate = {0.5f, 2f, Float.NaN};
        float[] nanFirst = {Float.NaN, 2f, 1f};
        float[] plusInfinity = {0.5f, Float.POSITIVE_INFINITY, 1f};
        float[] allMinusInfinity = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float[] logits : List.of(nanLate, nanFirst, plusInfinity, allMinusInfinity)) {
            for (boolean greedy : new boolean[] {true, false}) {
                assertThatThrownBy(() -> sampler.pick(logits, greedy, new SplittableRandom(1)))
                        .isInstanceOf(Sampler.NonFiniteException.class);
            }
        }
        float[] someMasked = {Float.NEGATIVE_INFINITY, 1f, 0f};
        assertThat(sampler.pick(someMasked, true, new SplittableRandom(1))).isEqualTo(1);
    }

    /**
     * Copies a fixture model, setting every float initializer of 256 values or more (the weights) to NaN in place:
     * a minimal protobuf walk over ModelProto.graph (field 7), GraphProto.initializer (5), TensorProto.data_type
     * (2) and raw_data (9); lengths do not change, so nothing else moves.
     */
    static Path copyWithNanWeights(Path fixture, Path target) throws IOException {
        return poisonedCopy(fixture, target, new Proto(null, 0, 1));
    }

    /**
     * Copies a fixture model, setting row {@code row} of the float initializer {@code tensor}, of {@code rows}
     * rows, to NaN: for an embedding, the model's outputs turn NaN wherever that token was fed, and only there.
     */
    static Path copyWithNanRow(Path fixture, Path target, String tensor, int row, int rows) throws IOException {
        return poisonedCopy(fixture, target, new Proto(tensor, row, rows));
    }

    private static Path poisonedCopy(Path fixture, Path target, Proto proto) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        Path onnx = target.resolve("model.onnx");
        byte[] bytes = Files.readAllBytes(onnx);
        int poisoned = proto.poisonModel(bytes);
        assertThat(poisoned).as("float weight tensors set to NaN").isPositive();
        Files.write(onnx, bytes);
        return target;
    }

    /** Just enough of the protobuf wire format to find raw tensor data. */
    private static final class Proto {
        /** The one tensor to poison, or null for every float tensor of 256 values or more. */
        private final String only;
        /** Of {@code only}, seen as {@code rows} rows: the row to poison. */
        private final int row;
        private final int rows;
        private byte[] bytes;
        private int at;

        /** Poisons row {@code row} of {@code rows} of tensor {@code only}, else (null) every weight whole. */
        Proto(String only, int row, int rows) {
            this.only = only;
            this.row = row;
            this.rows = rows;
        }

        int poisonModel(byte[] model) {
            bytes = model;
            int count = 0;
            at = 0;
            while (at < bytes.length) {
                long key = varint();
                if (key >>> 3 == 7 && (key & 7) == 2) {
                    int length = (int) varint();
                    int end = at + length;
                    count += poisonGraph(end);
                    at = end;
                } else {
                    skip(key);
                }
            }
            return count;
        }

        private int poisonGraph(int end) {
            int count = 0;
            while (at < end) {
                long key = varint();
                if (key >>> 3 == 5 && (key & 7) == 2) {
                    int length = (int) varint();
                    int tensorEnd = at + length;
                    count += poisonTensor(tensorEnd);
                    at = tensorEnd;
                } else {
                    skip(key);
                }
            }
            return count;
        }

        private int poisonTensor(int end) {
            long dataType = -1;
            int rawStart = -1;
            int rawLength = 0;
            String name = null;
            while (at < end) {
                long key = varint();
                if (key >>> 3 == 2 && (key & 7) == 0) {
                    dataType = varint();
                } else if (key >>> 3 == 8 && (key & 7) == 2) {
                    int length = (int) varint();
                    name = new String(bytes, at, length, java.nio.charset.StandardCharsets.UTF_8);
                    at += length;
                } else if (key >>> 3 == 9 && (key & 7) == 2) {
                    rawLength = (int) varint();
                    rawStart = at;
                    at += rawLength;
                } else {
                    skip(key);
                }
            }
            if (dataType != 1 || rawStart < 0 || (only == null ? rawLength < 4 * 256 : !only.equals(name))) {
                return 0;
            }
            int rowBytes = rawLength / rows;
            int first = rawStart + row * rowBytes;
            int last = first + rowBytes;
            for (int i = first; i + 3 < last; i += 4) { // float NaN 0x7FC00000, little-endian
                bytes[i] = 0;
                bytes[i + 1] = 0;
                bytes[i + 2] = (byte) 0xC0;
                bytes[i + 3] = 0x7F;
            }
            return 1;
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        private void skip(long key) {
            switch ((int) (key & 7)) {
                case 0 -> varint();
                case 1 -> at += 8;
                case 2 -> {
                    int length = (int) varint();
                    at += length;
                }
                case 5 -> at += 4;
                default -> throw new IllegalStateException("unexpected wire type in key " + key + " at byte " + at);
            }
        }
    }
}
