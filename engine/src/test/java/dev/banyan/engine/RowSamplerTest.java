package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RowSampler}, the fast path, against its slow obvious twin: one {@link Sampler} picking the same rows one
 * after another on the test's thread, with the same seeds. The picks must be equal bit for bit.
 */
class RowSamplerTest {
    private static final int ROWS = 64;
    private static final int VOCAB = 150_000;
    private static final long SEED = 20_261_203L;

    /** Synthetic logits: gaussian, spread like a model's, a few large ones on top; row {@code r} differs from the rest. */
    private static float[][] logits(int rows, int vocab) {
        Random random = new Random(7);
        float[][] logits = new float[rows][vocab];
        for (float[] row : logits) {
            for (int v = 0; v < vocab; v++) {
                row[v] = (float) (3 * random.nextGaussian());
            }
            for (int k = 0; k < 8; k++) {
                row[random.nextInt(vocab)] += 12;
            }
        }
        return logits;
    }

    @ParameterizedTest(name = "temperature {0}, topK {1}, topP {2}")
    @CsvSource({"1.0, 0, 1.0", "0.7, 20, 0.8", "0.6, 0, 0.95", "1.3, 50, 1.0"})
    void parallelPicksEqualSequentialPicks(double temperature, int topK, double topP) {
        float[][] logits = logits(ROWS, VOCAB);
        Supplier<Sampler> samplers = () -> new Sampler(temperature, topK, topP);
        // Every fifth row greedy, as a greedy request's row would be.
        Sampler oracle = samplers.get();
        int[] tokens = new int[ROWS];
        double[] logProbs = new double[ROWS];
        long[] after = new long[ROWS];
        for (int r = 0; r < ROWS; r++) {
            SplittableRandom random = Sampler.random(SEED, r);
            tokens[r] = oracle.pick(logits[r], r % 5 == 0, random);
            logProbs[r] = oracle.lastLogProb();
            after[r] = random.nextLong();
        }
        try (RowSampler rowSampler = new RowSampler(samplers, 4, RowSampler.PARALLEL_LOGITS, RowSampler.DEADLINE, "test")) {
            assertThat(rowSampler.pays(ROWS, (long) ROWS * VOCAB)).isTrue();
            for (int round = 0; round < 3; round++) { // the helpers' samplers are reused across rounds
                RowSampler.Round picks = rowSampler.round(ROWS);
                for (int r = 0; r < ROWS; r++) {
                    assertThat(picks.add(logits[r], r % 5 == 0, Sampler.random(SEED, r))).isEqualTo(r);
                }
                rowSampler.pick(picks);
                for (int r = 0; r < ROWS; r++) {
                    assertThat(picks.token(r)).as("token of row %d", r).isEqualTo(tokens[r]);
                    assertThat(picks.logProb(r)).as("log-probability of row %d", r).isEqualTo(logProbs[r]);
                    assertThat(picks.random(r).nextLong()).as("generator of row %d, advanced alike", r).isEqualTo(after[r]);
                }
            }
        }
    }

    @Test
    void aRowWithBadLogitsFailsAloneAndTheOthersArePicked() {
        int rows = 16;
        int vocab = 100_000;
        float[][] logits = logits(rows, vocab);
        logits[3][vocab / 2] = Float.NaN;
        logits[11][7] = Float.POSITIVE_INFINITY;
        Sampler oracle = new Sampler(1, 0, 1);
        try (RowSampler rowSampler = new RowSampler(() -> new Sampler(1, 0, 1), 3, 0, RowSampler.DEADLINE, "test")) {
            RowSampler.Round picks = rowSampler.round(rows);
            for (int r = 0; r < rows; r++) {
                picks.add(logits[r], false, Sampler.random(SEED, r));
            }
            rowSampler.pick(picks);
            for (int r = 0; r < rows; r++) {
                int row = r;
                if (r == 3 || r == 11) {
                    assertThatThrownBy(() -> picks.token(row)).isInstanceOf(Sampler.NonFiniteException.class)
                            .hasMessageContaining("the policy's logits are not finite: " + (r == 3 ? "NaN" : "Infinity"));
                } else {
                    assertThat(picks.token(r)).isEqualTo(oracle.pick(logits[r], false, Sampler.random(SEED, r)));
                    assertThat(picks.logProb(r)).isEqualTo(oracle.lastLogProb());
                }
            }
        }
    }

    @Test
    void helpersAreNamedDaemonThreadsThatStopOnClose() throws InterruptedException {
        float[][] logits = logits(8, VOCAB);
        RowSampler rowSampler = new RowSampler(() -> new Sampler(1, 0, 1), 3, 0, RowSampler.DEADLINE, "named");
        RowSampler.Round picks = rowSampler.round(8);
        for (int r = 0; r < 8; r++) {
            picks.add(logits[r], false, Sampler.random(SEED, r));
        }
        rowSampler.pick(picks);
        assertThat(helpers("banyan-sampler-named-")).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        rowSampler.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (helpers("banyan-sampler-named-").stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(helpers("banyan-sampler-named-")).as("helpers still alive after close").noneMatch(Thread::isAlive);

        // Closed, it still picks: on the caller's thread alone, the same tokens.
        RowSampler.Round again = rowSampler.round(8);
        for (int r = 0; r < 8; r++) {
            again.add(logits[r], false, Sampler.random(SEED, r));
        }
        rowSampler.pick(again);
        for (int r = 0; r < 8; r++) {
            assertThat(again.token(r)).isEqualTo(picks.token(r));
            assertThat(again.logProb(r)).isEqualTo(picks.logProb(r));
        }
    }

    @Test
    void onlyEnoughWorkOnMoreThanOneThreadGoesParallel() {
        try (RowSampler one = new RowSampler(() -> new Sampler(1, 0, 1), 1, 0, RowSampler.DEADLINE, "one");
             RowSampler two = new RowSampler(() -> new Sampler(1, 0, 1), 2, RowSampler.PARALLEL_LOGITS,
                     RowSampler.DEADLINE, "two")) {
            assertThat(one.parallel()).isFalse();
            assertThat(one.pays(64, 64L * VOCAB)).as("one thread").isFalse();
            assertThat(two.parallel()).isTrue();
            assertThat(two.pays(32, 32L * 32_000)).as("32 rows of Llama's 32,000").isFalse();
            assertThat(two.pays(7, 7L * 151_669)).as("7 rows of Qwen's 151,669").isTrue();
            assertThat(two.pays(1, 10L * VOCAB)).as("a single pick").isFalse();
            assertThat(two.pays(32, 32L * 86)).as("the demo models' vocabularies").isFalse();
        }
        assertThatThrownBy(() -> new RowSampler(() -> new Sampler(1, 0, 1), 0, 0, RowSampler.DEADLINE, "none"))
                .hasMessageContaining("sampling threads must be positive, was 0");
    }

    private static java.util.List<Thread> helpers(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).toList();
    }
}
