package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final float[] LOGITS = {0.5f, 2.0f, -1.0f, 1.5f, 2.0f, 0.0f};

    @Test
    void greedyTakesTheFirstLargestLogit() {
        Sampler sampler = new Sampler(1.0, 0, 1.0);
        assertThat(sampler.pick(LOGITS, true, new SplittableRandom(1))).isEqualTo(1);
        assertThat(new Sampler(0, 0, 1.0).pick(LOGITS, false, new SplittableRandom(1))).as("temperature 0").isEqualTo(1);
    }

    @Test
    void samplingFollowsTheSoftmax() {
        int[] counts = draw(new Sampler(1.0, 0, 1.0), LOGITS, 60_000);
        double total = 0;
        for (float logit : LOGITS) {
            total += Math.exp(logit);
        }
        for (int i = 0; i < LOGITS.length; i++) {
            double expected = Math.exp(LOGITS[i]) / total;
            assertThat(counts[i] / 60_000.0).as("token %d", i).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    @Test
    void temperatureSharpensTheDistribution() {
        int[] cold = draw(new Sampler(0.25, 0, 1.0), LOGITS, 20_000);
        int[] warm = draw(new Sampler(1.0, 0, 1.0), LOGITS, 20_000);
        assertThat(cold[1] + cold[4]).isGreaterThan(warm[1] + warm[4]);
        assertThat(cold[2]).isLessThan(warm[2]);
    }

    @Test
    void topKKeepsOnlyTheKLargestWithTiesToTheLowerIndex() {
        int[] counts = draw(new Sampler(1.0, 2, 1.0), LOGITS, 5_000);
        assertThat(counts[1]).isPositive();
        assertThat(counts[4]).isPositive();
        assertThat(counts[0] + counts[2] + counts[3] + counts[5]).isZero();
        int[] three = draw(new Sampler(1.0, 3, 1.0), LOGITS, 5_000);
        assertThat(three[3]).isPositive();
        assertThat(three[0] + three[2] + three[5]).isZero();
    }

    @Test
    void topPKeepsTheSmallestSetReachingTheMass() {
        // Probabilities ~ 0.46, 0.34, 0.17, 0.03: p = 0.7 needs the two largest; p = 0.85 the three largest.
        float[] logits = {(float) Math.log(0.17), (float) Math.log(0.46), (float) Math.log(0.03), (float) Math.log(0.34)};
        int[] two = draw(new Sampler(1.0, 0, 0.7), logits, 5_000);
        assertThat(two[1]).isPositive();
        assertThat(two[3]).isPositive();
        assertThat(two[0] + two[2]).isZero();
        int[] three = draw(new Sampler(1.0, 0, 0.85), logits, 5_000);
        assertThat(three[0]).isPositive();
        assertThat(three[2]).isZero();
        int[] withK = draw(new Sampler(1.0, 1, 0.85), logits, 1_000);
        assertThat(withK[1]).isEqualTo(1_000);
    }

    @Test
    void sameSeedAndIndexGiveTheSameDraws() {
        Sampler sampler = new Sampler(1.0, 0, 1.0);
        float[] logits = new float[50];
        Random random = new Random(3);
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) random.nextGaussian();
        }
        SplittableRandom a = Sampler.random(42, 3);
        SplittableRandom b = Sampler.random(42, 3);
        SplittableRandom other = Sampler.random(42, 4);
        int same = 0;
        for (int i = 0; i < 200; i++) {
            int x = sampler.pick(logits, false, a);
            assertThat(sampler.pick(logits, false, b)).isEqualTo(x);
            same += sampler.pick(logits, false, other) == x ? 1 : 0;
        }
        assertThat(same).as("another proposal index draws differently").isLessThan(100);
    }

    @Test
    void logProbIsTheRawLogSoftmax() {
        double sum = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            sum += Math.exp(Sampler.logProb(LOGITS, i));
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Sampler.logProb(LOGITS, 1) - Sampler.logProb(LOGITS, 0)).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new Sampler(-1, 0, 1)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new Sampler(1, -1, 1)).hasMessageContaining("topK");
        assertThatThrownBy(() -> new Sampler(1, 0, 0)).hasMessageContaining("topP");
        assertThatThrownBy(() -> new Sampler(1, 0, 1.5)).hasMessageContaining("topP");
    }

    private static int[] draw(Sampler sampler, float[] logits, int draws) {
        SplittableRandom random = new SplittableRandom(99);
        int[] counts = new int[logits.length];
        for (int i = 0; i < draws; i++) {
            counts[sampler.pick(logits, false, random)]++;
        }
        return counts;
    }
}
