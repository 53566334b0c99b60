package dev.banyan.engine;

import java.nio.ByteBuffer;

/**
 * The keys and values of a token prefix, frozen. Shared by the prefix cache and by every sequence that
 * continues the prefix; never written after construction. Per slot, heads are contiguous:
 * {@code [kvHeads][length][rowBytes]}.
 */
public final class KvSnapshot {
    private final KvLayout layout;
    private final long[] tokens;
    private final byte[][] slots;

    /** Takes ownership of {@code slots}; {@code tokens} is the prefix, one position per token. */
    KvSnapshot(KvLayout layout, long[] tokens, byte[][] slots) {
        this.layout = layout;
        this.tokens = tokens;
        this.slots = slots;
    }

    /** Positions (tokens) held. */
    public int length() {
        return tokens.length;
    }

    /** The prefix; do not modify. */
    long[] tokens() {
        return tokens;
    }

    long bytes() {
        return (long) tokens.length * layout.bytesPerToken();
    }

    /** Whether this prefix equals {@code other[0, length())}. */
    boolean isPrefixOf(long[] other) {
        if (other.length < tokens.length) {
            return false;
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] != other[i]) {
                return false;
            }
        }
        return true;
    }

    /** Writes positions {@code [0, count)} of one head to {@code dst} at {@code offset}; returns bytes written. */
    int copyHead(int slot, int head, int count, ByteBuffer dst, int offset) {
        int rowBytes = layout.rowBytes();
        dst.put(offset, slots[slot], head * tokens.length * rowBytes, count * rowBytes);
        return count * rowBytes;
    }

    /** Reads positions {@code [0, count)} of one head into {@code dst} at {@code offset}; returns bytes read. */
    int copyHead(int slot, int head, int count, byte[] dst, int offset) {
        int rowBytes = layout.rowBytes();
        System.arraycopy(slots[slot], head * tokens.length * rowBytes, dst, offset, count * rowBytes);
        return count * rowBytes;
    }
}
