package dev.banyan.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One sequence's keys and values: the first {@code prefixLength} positions of a shared {@link KvSnapshot}
 * followed by a private, growable tail that forward passes append to. Siblings continuing the same prefix
 * share it without copying. Used by the inference thread only.
 */
public final class SequenceKv {
    private final KvLayout layout;
    private final KvSnapshot prefix;
    private final int prefixLength;
    private byte[][] tail;
    private int tailLength;
    private int tailCapacity;
    private final int expectedTail;

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
        int needed = tailLength + count;
        if (needed <= tailCapacity) {
            return;
        }
        int capacity = Math.max(needed, Math.max(expectedTail, 2 * tailCapacity));
        int rowBytes = layout.rowBytes();
        byte[][] grown = new byte[layout.slots()][];
        for (int slot = 0; slot < grown.length; slot++) {
            grown[slot] = new byte[layout.kvHeads() * capacity * rowBytes];
            for (int head = 0; head < layout.kvHeads() && tailLength > 0; head++) {
                System.arraycopy(tail[slot], head * tailCapacity * rowBytes, grown[slot], head * capacity * rowBytes,
                        tailLength * rowBytes);
            }
        }
        tail = grown;
        tailCapacity = capacity;
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

    /** A frozen copy of every position, labelled with {@code tokens} (one per position). */
    public KvSnapshot freeze(long[] tokens) {
        int length = length();
        if (tokens.length != length) {
            throw new IllegalArgumentException(tokens.length + " tokens for " + length + " positions");
        }
        int rowBytes = layout.rowBytes();
        byte[][] slots = new byte[layout.slots()][];
        for (int slot = 0; slot < slots.length; slot++) {
            slots[slot] = new byte[layout.kvHeads() * length * rowBytes];
            for (int head = 0; head < layout.kvHeads(); head++) {
                int offset = head * length * rowBytes;
                if (prefixLength > 0) {
                    offset += prefix.copyHead(slot, head, prefixLength, slots[slot], offset);
                }
                if (tailLength > 0) {
                    System.arraycopy(tail[slot], head * tailCapacity * rowBytes, slots[slot], offset, tailLength * rowBytes);
                }
            }
        }
        return new KvSnapshot(layout, Arrays.copyOf(tokens, length), slots);
    }
}
