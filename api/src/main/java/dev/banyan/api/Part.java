package dev.banyan.api;

import java.util.function.Supplier;

/**
 * One opened model of a bundle, with its counters and how to release it.
 *
 * @param model the policy or step scorer
 * @param stats the model's cumulative engine counters
 * @param closer releases the model's resources
 */
record Part<T>(T model, Supplier<EngineStats> stats, AutoCloseable closer) {
    /** A model that holds nothing to release and counts nothing. */
    static <T> Part<T> plain(T model) {
        return new Part<>(model, () -> EngineStats.ZERO, () -> { });
    }
}
