package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.AlgorithmSpec.ThompsonPrior;
import dev.banyan.search.algo.Thompson.Moments;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Thompson sampling's arm choice against the posterior computed directly from the observations. */
class ThompsonTest {
    private static final AlgorithmSpec.AbMcts GAUSSIAN = AlgorithmSpec.AbMcts.defaults();
    private static final AlgorithmSpec.AbMcts BETA = GAUSSIAN.withPrior(ThompsonPrior.BETA);

    /** Arms of one node: GEN, CONT and three children, each a list of scores. */
    private static List<List<Double>> arms(SplittableRandom random) {
        List<List<Double>> arms = new ArrayList<>();
        for (int arm = 0; arm < 5; arm++) {
            List<Double> scores = new ArrayList<>();
            int n = random.nextInt(6);
            double centre = random.nextDouble();
            for (int i = 0; i < n; i++) {
                scores.add(Math.min(1, Math.max(0, centre + 0.2 * (random.nextDouble() - 0.5))));
            }
            arms.add(scores);
        }
        return arms;
    }

    private static Moments moments(List<Double> scores) {
        Moments m = Moments.EMPTY;
        for (double s : scores) {
            m = m.plus(s);
        }
        return m;
    }

    /**
     * The normal-inverse-gamma posterior written out from the raw scores (two passes, as TreeQuest does), and the
     * mean's draw {@code m_n + sqrt(τ²_n / κ_n) · t_ν_n}.
     */
    private static double directGaussianDraw(AlgorithmSpec.AbMcts spec, List<Double> xs, SplittableRandom random) {
        int n = xs.size();
        double ave = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double var = 0;
        for (double x : xs) {
            var += (x - ave) * (x - ave);
        }
        double kappaN = spec.kappa() + n;
        double nuN = spec.nu() + n;
        double mN = (spec.kappa() * spec.priorMean() + n * ave) / kappaN;
        double tauN = (spec.nu() * spec.tauSquare() + var
                + n * spec.kappa() * (spec.priorMean() - ave) * (spec.priorMean() - ave) / (spec.kappa() + n)) / nuN;
        return mN + Math.sqrt(tauN / kappaN) * Thompson.studentT(random, nuN);
    }

    private static double directBetaDraw(AlgorithmSpec.AbMcts spec, List<Double> xs, SplittableRandom random) {
        double a = spec.betaA();
        double b = spec.betaB();
        for (double x : xs) {
            a += x;
            b += 1 - x;
        }
        return Thompson.beta(random, a, b);
    }

    private interface Draw {
        double of(AlgorithmSpec.AbMcts spec, List<Double> xs, SplittableRandom random);
    }

    /** GEN's draw, CONT's, then each child's: GEN on a tie with CONT; the first child on a tie among children. */
    private static int directChoice(AlgorithmSpec.AbMcts spec, List<List<Double>> arms, Draw draw, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double gen = draw.of(spec, arms.get(0), random);
        double cont = draw.of(spec, arms.get(1), random);
        if (gen >= cont) {
            return -1;
        }
        int best = -1;
        double bestDraw = 0;
        for (int i = 2; i < arms.size(); i++) {
            double d = draw.of(spec, arms.get(i), random);
            if (best < 0 || d > bestDraw) {
                best = i - 2;
                bestDraw = d;
            }
        }
        return best;
    }

    private static void checkAgainstDirect(AlgorithmSpec.AbMcts spec, Draw draw) {
        Thompson thompson = new Thompson(spec);
        SplittableRandom cases = new SplittableRandom(7);
        int[] chosen = new int[4];
        for (long seed = 0; seed < 400; seed++) {
            List<List<Double>> arms = arms(cases);
            Moments[] children = {moments(arms.get(2)), moments(arms.get(3)), moments(arms.get(4))};
            int arm = thompson.choose(true, moments(arms.get(0)), moments(arms.get(1)), children, new double[3],
                    new SplittableRandom(seed));
            assertThat(arm).as("case %s", seed).isEqualTo(directChoice(spec, arms, draw, seed));
            chosen[arm + 1]++;
        }
        assertThat(chosen).as("GEN and every child are each chosen sometimes").doesNotContain(0);
    }

    @Test
    void gaussianArmChoiceMatchesTheDirectPosterior() {
        checkAgainstDirect(GAUSSIAN, ThompsonTest::directGaussianDraw);
    }

    @Test
    void betaArmChoiceMatchesTheDirectPosterior() {
        checkAgainstDirect(BETA, ThompsonTest::directBetaDraw);
    }

    @Test
    void aNodeWithoutChildrenCanOnlyGenerate() {
        Thompson thompson = new Thompson(GAUSSIAN);
        Moments bad = Moments.EMPTY.plus(0).plus(0).plus(0);
        Moments good = Moments.EMPTY.plus(1).plus(1).plus(1);
        for (long seed = 0; seed < 50; seed++) {
            assertThat(thompson.choose(true, bad, good, new Moments[0], new double[0], new SplittableRandom(seed)))
                    .isEqualTo(-1);
            assertThat(thompson.choose(false, bad, good, new Moments[0], new double[0], new SplittableRandom(seed)))
                    .as("GEN taken by another thread: nothing to do").isEqualTo(-2);
        }
    }

    @Test
    void virtualLossSteersAwayFromABusyChild() {
        Thompson thompson = new Thompson(GAUSSIAN);
        Moments same = Moments.EMPTY.plus(0.8).plus(0.8);
        for (long seed = 0; seed < 50; seed++) {
            int arm = thompson.choose(false, Moments.EMPTY, Moments.EMPTY, new Moments[] {same, same},
                    new double[] {AlgorithmSpec.MctsStar.VIRTUAL_LOSS * 3, 0}, new SplittableRandom(seed));
            assertThat(arm).isEqualTo(1);
        }
    }

    @Test
    void posteriorsConcentrateOnTheObservedMean() {
        Moments many = Moments.EMPTY;
        for (int i = 0; i < 400; i++) {
            many = many.plus(i % 2 == 0 ? 0.6 : 0.8);
        }
        for (AlgorithmSpec.AbMcts spec : List.of(GAUSSIAN, BETA)) {
            Thompson thompson = new Thompson(spec);
            SplittableRandom random = new SplittableRandom(3);
            double sum = 0;
            for (int i = 0; i < 2000; i++) {
                sum += thompson.sample(many, random);
            }
            assertThat(sum / 2000).as(spec.prior().name()).isCloseTo(0.7, within(0.01));
        }
    }

    @Test
    void drawsFollowTheirLaws() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 200_000;
        double[] t = new double[n];
        double[] b = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Thompson.studentT(random, 6);
            b[i] = Thompson.beta(random, 2, 5);
            g[i] = Thompson.gamma(random, 0.5);
        }
        assertThat(mean(t)).isCloseTo(0, within(0.02));
        assertThat(variance(t)).as("t with 6 degrees of freedom: 6/4").isCloseTo(1.5, within(0.05));
        assertThat(mean(b)).isCloseTo(2.0 / 7, within(0.003));
        assertThat(variance(b)).isCloseTo(10.0 / (49 * 8), within(0.001));
        assertThat(mean(g)).isCloseTo(0.5, within(0.01));
        assertThat(variance(g)).isCloseTo(0.5, within(0.02));
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    private static double variance(double[] xs) {
        double m = mean(xs);
        double sum = 0;
        for (double x : xs) {
            sum += (x - m) * (x - m);
        }
        return sum / xs.length;
    }
}
