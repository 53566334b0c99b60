package dev.banyan.engine;

/** Turns generated token ids back into text; special tokens are left out. */
interface TokenDecoder {
    /** The text of {@code ids[0, count)}. */
    String decode(long[] ids, int count);
}
