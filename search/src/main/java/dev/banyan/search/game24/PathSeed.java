package dev.banyan.search.game24;

import dev.banyan.search.ReasoningPath;

/**
 * A 64-bit seed computed from a path's text alone, so that a simulated model's choice for a path is the same
 * in every run, thread and process ({@link ReasoningPath#hashCode()} has only 32 bits).
 */
final class PathSeed {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private PathSeed() {
    }

    /** FNV-1a over the question and the steps, each followed by a separator no text contains. */
    static long of(ReasoningPath path) {
        long hash = mix(FNV_OFFSET, path.question());
        for (String step : path.steps()) {
            hash = mix(hash, step);
        }
        return hash;
    }

    private static long mix(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return (hash ^ 0xFFFF) * FNV_PRIME;
    }
}
