package dev.banyan.engine;

import java.util.SplittableRandom;

/**
 * The engine's token sampler below the public API, for the JMH benchmarks in {@code bench/}
 * ({@code DecodeThroughputBenchmark}, whose bare {@code OrtSession.run} loop draws its tokens exactly as the
 * engine does) and nothing else. Being public here keeps the benchmarks in their own package instead of splitting
 * this one. One instance per thread, as {@link Sampler}.
 */
public final class BenchmarkSampler {
    private final Sampler sampler;

    /** The engine's sampling with these settings (see {@link PolicyEngine.Builder#temperature}). */
    public BenchmarkSampler(double temperature, int topK, double topP) {
        this.sampler = new Sampler(temperature, topK, topP);
    }

    /** The generator of proposal {@code index} of a request seeded with {@code seed}, as the engine makes it. */
    public static SplittableRandom random(long seed, int index) {
        return Sampler.random(seed, index);
    }

    /** Samples a token from {@code logits} with {@code random}, as the engine samples a non-greedy request's. */
    public int pick(float[] logits, SplittableRandom random) {
        return sampler.pick(logits, false, random);
    }

    /** The raw log-probability of the token the last {@link #pick} returned. */
    public double lastLogProb() {
        return sampler.lastLogProb();
    }
}
