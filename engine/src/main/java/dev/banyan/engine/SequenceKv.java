package dev.banyan.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One sequence's keys and values: the first {@code prefixLength} positions of a shared {@link KvSnapshot}
 * followed by a private, growable tail that forward passes append to. Siblings continuing the same prefix
 * share it without copying. {@link #freeze} hands the tail over to a snapshot, after which the sequence takes
 * no more appends. Used by the inference thread only.
 */
public final class SequenceKv {
    private final KvLayout layout;
    private final KvSnapshot prefix;
    private final int prefixLength;
    private final int expectedTail;
    private byte[][] tail;
    private int tailLength;
    private int tailCapacity;
    private boolean frozen;

    /**
     * @param prefix the shared prefix, or {@code null}
     * @param prefixLength positions of {@code prefix} to use
     * @param expectedTail positions the tail will likely reach (its first allocation)
     */
    public SequenceKv(KvLayout layout, KvSnapshot prefix, int prefixLength, int expectedTail) {
        if (prefixLength < 0 || prefixLength > (prefix == null ? 0 : prefix.length())) {
            throw new IllegalArgumentException("prefixLength " + prefixLength + " outside the prefix");
        }
        this.layout = layout;
        this.prefix = prefix;
        this.prefixLength = prefixLength;
        this.expectedTail = Math.max(1, expectedTail);
    }

    /** Positions held: the prefix's and the tail's. */
    public int length() {
        return prefixLength + tailLength;
    }

    /** Writes all positions of one head to {@code dst} at {@code offset}. */
    void copyHead(int slot, int head, ByteBuffer dst, int offset) {
        if (prefixLength > 0) {
            offset += prefix.copyHead(slot, head, prefixLength, dst, offset);
        }
        if (tailLength > 0) {
            int rowBytes = layout.rowBytes();
            dst.put(offset, tail[slot], head * tailCapacity * rowBytes, tailLength * rowBytes);
        }
    }

    /** Makes room for {@code count} more positions; call before {@link #appendHead} of a pass. */
    void reserve(int count) {
        if (frozen) {
            throw new IllegalStateException("the sequence's keys and values were frozen");
        }
        int needed = tailLength + count;
        if (needed > tailCapacity) {
            resize(Math.max(needed, Math.max(expectedTail, 2 * tailCapacity)));
        }
    }

    /** Copies {@code count} positions of one head from {@code src} at {@code offset} after the tail's end. */
    void appendHead(int slot, int head, ByteBuffer src, int offset, int count) {
        int rowBytes = layout.rowBytes();
        src.get(offset, tail[slot], (head * tailCapacity + tailLength) * rowBytes, count * rowBytes);
    }

    /** Ends a pass's appends: the {@code count} positions written by {@link #appendHead} become part of the tail. */
    void commit(int count) {
        tailLength += count;
    }

    /**
     * Freezes every position, labelled with {@code tokens} (one per position), into a snapshot that shares the
     * prefix and takes over the tail (trimmed first when more than half of it is unused).
     */
    public KvSnapshot freeze(long[] tokens) {
        int length = length();
        if (tokens.length != length) {
            throw new IllegalArgumentException(tokens.length + " tokens for " + length + " positions");
        }
        if (frozen) {
            throw new IllegalStateException("the sequence's keys and values were frozen already");
        }
        frozen = true;
        if (tailCapacity > 2 * tailLength) {
            resize(tailLength);
        }
        KvSnapshot snapshot = new KvSnapshot(layout, Arrays.copyOf(tokens, length), prefix, prefixLength,
                tail == null ? new byte[layout.slots()][0] : tail, tailCapacity);
        tail = null;
        return snapshot;
    }

    private void resize(int capacity) {
        int rowBytes = layout.rowBytes();
        byte[][] resized = new byte[layout.slots()][];
        for (int slot = 0; slot < resized.length; slot++) {
            resized[slot] = new byte[layout.kvHeads() * capacity * rowBytes];
            for (int head = 0; head < layout.kvHeads() && tailLength > 0; head++) {
                System.arraycopy(tail[slot], head * tailCapacity * rowBytes, resized[slot], head * capacity * rowBytes,
                        tailLength * rowBytes);
            }
        }
        tail = resized;
        tailCapacity = capacity;
    }
}
