package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxJavaType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Chains of snapshots against a flat oracle: position {@code p} of head {@code h}, slot {@code s} holds a known value. */
class KvSnapshotTest {
    private static final KvLayout LAYOUT = new KvLayout(2, 3, 2, OnnxJavaType.FLOAT); // 4 slots, 3 heads, 8-byte rows

    private static float value(int slot, int head, int position, int dim) {
        return slot * 1000 + head * 100 + position + dim * 0.5f;
    }

    /** A pass's output: {@code count} positions starting at {@code from}, laid out [head][position][dim]. */
    private static ByteBuffer present(int slot, int from, int count) {
        ByteBuffer buffer = ByteBuffer.allocate(LAYOUT.kvHeads() * count * LAYOUT.rowBytes()).order(ByteOrder.nativeOrder());
        for (int head = 0; head < LAYOUT.kvHeads(); head++) {
            for (int p = 0; p < count; p++) {
                for (int d = 0; d < LAYOUT.headDim(); d++) {
                    buffer.putFloat(((head * count + p) * LAYOUT.headDim() + d) * 4, value(slot, head, from + p, d));
                }
            }
        }
        return buffer;
    }

    private static void append(SequenceKv kv, int count) {
        int from = kv.length();
        kv.reserve(count);
        for (int slot = 0; slot < LAYOUT.slots(); slot++) {
            ByteBuffer out = present(slot, from, count);
            for (int head = 0; head < LAYOUT.kvHeads(); head++) {
                kv.appendHead(slot, head, out, head * count * LAYOUT.rowBytes(), count);
            }
        }
        kv.commit(count);
    }

    private static long[] tokens(int length) {
        long[] tokens = new long[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = 10 + i;
        }
        return tokens;
    }

    private static void assertHolds(SequenceKv kv) {
        for (int slot = 0; slot < LAYOUT.slots(); slot++) {
            for (int head = 0; head < LAYOUT.kvHeads(); head++) {
                ByteBuffer out = ByteBuffer.allocate(kv.length() * LAYOUT.rowBytes()).order(ByteOrder.nativeOrder());
                kv.copyHead(slot, head, out, 0);
                for (int p = 0; p < kv.length(); p++) {
                    for (int d = 0; d < LAYOUT.headDim(); d++) {
                        assertThat(out.getFloat((p * LAYOUT.headDim() + d) * 4))
                                .as("slot %d head %d position %d", slot, head, p).isEqualTo(value(slot, head, p, d));
                    }
                }
            }
        }
    }

    @Test
    void chainedSnapshotsReadBackLikeOneFlatSequence() {
        SequenceKv root = new SequenceKv(LAYOUT, null, 0, 2); // grows past its first allocation
        append(root, 3);
        append(root, 1);
        append(root, 2);
        assertHolds(root);
        KvSnapshot context = root.freeze(tokens(6));

        SequenceKv child = new SequenceKv(LAYOUT, context, 6, 4);
        append(child, 1);
        assertHolds(child);
        KvSnapshot step = child.freeze(tokens(7));

        // A grandchild that uses only part of its parent's chain: five of the seven positions.
        SequenceKv partial = new SequenceKv(LAYOUT, step, 5, 4);
        append(partial, 4);
        assertHolds(partial);
        assertThat(partial.length()).isEqualTo(9);

        assertThat(context.ownBytes()).as("trimmed to its length").isEqualTo(6 * LAYOUT.bytesPerToken());
        assertThat(step.ownBytes()).as("its own positions only").isEqualTo(LAYOUT.bytesPerToken());
        assertThat(step.chainBytes()).as("what it keeps reachable: its own and the ancestors'")
                .isEqualTo(context.ownBytes() + step.ownBytes());
        assertThat(partial.freeze(tokens(9)).parent()).as("the whole parent, though it uses part").isSameAs(step);
    }

    @Test
    void frozenSequencesTakeNoMoreAppends() {
        SequenceKv kv = new SequenceKv(LAYOUT, null, 0, 4);
        append(kv, 2);
        kv.freeze(tokens(2));
        assertThatThrownBy(() -> kv.reserve(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kv.freeze(tokens(2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void freezeNeedsOneTokenPerPosition() {
        SequenceKv kv = new SequenceKv(LAYOUT, null, 0, 4);
        append(kv, 2);
        assertThatThrownBy(() -> kv.freeze(tokens(3))).hasMessageContaining("3 tokens for 2 positions");
    }
}
