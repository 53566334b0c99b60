package dev.banyan.search.game24;

import dev.banyan.search.ReasoningPath;

/**
 * A 64-bit seed computed from a path's text alone, so that a simulated model's choice for a path is the same
 * in every run, thread and process ({@link ReasoningPath#hashCode()} has only 32 bits). Each user passes its
 * own salt, so that the policy's and the reward model's draws for one path are unrelated.
 */
final class PathSeed {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private PathSeed() {
    }

    /** FNV-1a over the salt, the question and the steps, each text followed by a separator none contains. */
    static long of(ReasoningPath path, long salt) {
        long hash = FNV_OFFSET;
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
            hash = (hash ^ ((salt >>> shift) & 0xFF)) * FNV_PRIME;
        }
        hash = mix(hash, path.question());
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
