package dev.banyan.engine;

/** Turns generated token ids back into text (special tokens left out), and a piece of text into ids. */
interface TokenDecoder {
    /** The text of {@code ids[from, to)}. */
    String decode(long[] ids, int from, int to);

    /** The text of {@code ids[0, count)}. */
    default String decode(long[] ids, int count) {
        return decode(ids, 0, count);
    }

    /** The ids of {@code text} alone: no special tokens added (no BOS). */
    long[] encodePiece(String text);
}
