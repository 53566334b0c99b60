package dev.banyan.engine;

import java.nio.ByteBuffer;

/**
 * The keys and values of a token prefix, frozen: the first {@code parentLength} positions of a parent
 * snapshot followed by positions of its own. A child node's context thus shares its parent's bytes instead of
 * copying them; the chain is as deep as the tree. Shared by the prefix cache and by every sequence that
 * continues the prefix; never written after construction. Own positions are stored per slot with heads
 * contiguous: {@code [kvHeads][ownCapacity][rowBytes]}.
 *
 * <p>A snapshot keeps its whole ancestor chain reachable ({@link #chainBytes()}), though it owns only its own
 * arrays ({@link #ownBytes()}); the prefix cache charges each snapshot its own bytes and keeps its ancestors
 * cached beside it, so bytes shared by many descendants are counted once.
 */
public final class KvSnapshot {
    private final KvLayout layout;
    private final long[] tokens;
    private final KvSnapshot parent;
    private final int parentLength;
    private final byte[][] own;
    private final int ownCapacity;
    private final long ownBytes;
    private final long chainBytes;

    /**
     * Takes ownership of {@code own}.
     *
     * @param tokens every position's token, the parent's included
     * @param parent the snapshot the first {@code parentLength} positions come from, or {@code null}
     * @param own per slot, the positions after the parent's, {@code ownCapacity} per head
     */
    KvSnapshot(KvLayout layout, long[] tokens, KvSnapshot parent, int parentLength, byte[][] own, int ownCapacity) {
        if (parentLength < 0 || parentLength > (parent == null ? 0 : parent.length())) {
            throw new IllegalArgumentException("parentLength " + parentLength + " outside the parent");
        }
        if (tokens.length - parentLength > ownCapacity) {
            throw new IllegalArgumentException((tokens.length - parentLength) + " own positions exceed capacity " + ownCapacity);
        }
        this.layout = layout;
        this.tokens = tokens;
        this.parent = parent;
        this.parentLength = parentLength;
        this.own = own;
        this.ownCapacity = ownCapacity;
        this.ownBytes = (long) ownCapacity * layout.kvHeads() * layout.rowBytes() * layout.slots();
        this.chainBytes = ownBytes + (parent == null ? 0 : parent.chainBytes());
    }

    /** Positions (tokens) held. */
    public int length() {
        return tokens.length;
    }

    /** The prefix; do not modify. */
    long[] tokens() {
        return tokens;
    }

    /** The snapshot the first positions come from, or {@code null}: kept reachable as long as this one is. */
    KvSnapshot parent() {
        return parent;
    }

    /** Bytes of this snapshot's own arrays (its capacity, used or not), its ancestors' excluded. */
    long ownBytes() {
        return ownBytes;
    }

    /**
     * Bytes this snapshot keeps reachable: its own arrays plus every ancestor's. Ancestors shared with other
     * snapshots are counted by each, so this is what it costs alone, not its share of a tree.
     */
    long chainBytes() {
        return chainBytes;
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
        int fromParent = Math.min(count, parentLength);
        int written = fromParent > 0 ? parent.copyHead(slot, head, fromParent, dst, offset) : 0;
        int fromOwn = count - fromParent;
        if (fromOwn > 0) {
            dst.put(offset + written, own[slot], head * ownCapacity * rowBytes, fromOwn * rowBytes);
        }
        return count * rowBytes;
    }
}
