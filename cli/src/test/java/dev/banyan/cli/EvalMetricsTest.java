package dev.banyan.cli;

import dev.banyan.cli.EvalMetrics.Sample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvalMetricsTest {

    @Test
    void aucEqualsTheBruteForcePairCountWithTiesCountingHalf() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<Sample> samples = new ArrayList<>();
            int n = 2 + random.nextInt(30);
            for (int i = 0; i < n; i++) {
                // Few distinct scores, so that ties (within and across classes) are common.
                samples.add(new Sample(random.nextInt(5) / 4.0, random.nextBoolean(), null));
            }
            double pairs = 0;
            double wins = 0;
            for (Sample p : samples) {
                for (Sample q : samples) {
                    if (p.correct() && !q.correct()) {
                        pairs++;
                        wins += p.score() > q.score() ? 1 : p.score() == q.score() ? 0.5 : 0;
                    }
                }
            }
            double auc = EvalMetrics.auc(samples);
            if (pairs == 0) {
                assertThat(auc).isNaN();
            } else {
                assertThat(auc).as("trial %d", trial).isCloseTo(wins / pairs, within(1e-12));
            }
        }
    }

    @Test
    void aucOfAPerfectAndOfAReversedRanking() {
        List<Sample> perfect = List.of(new Sample(0.9, true, "a"), new Sample(0.8, true, "b"),
                new Sample(0.2, false, null), new Sample(0.1, false, null));
        assertThat(EvalMetrics.auc(perfect)).isEqualTo(1.0);
        List<Sample> reversed = perfect.stream().map(s -> new Sample(1 - s.score(), s.correct(), s.answerKey())).toList();
        assertThat(EvalMetrics.auc(reversed)).isEqualTo(0.0);
        List<Sample> allTied = perfect.stream().map(s -> new Sample(0.5, s.correct(), s.answerKey())).toList();
        assertThat(EvalMetrics.auc(allTied)).isEqualTo(0.5);
    }

    @Test
    void rewardAtKIsTheExpectationOverEveryOrderOfTies() {
        Random random = new Random(11);
        for (int trial = 0; trial < 150; trial++) {
            int n = 1 + random.nextInt(6);
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                samples.add(new Sample(random.nextInt(3), random.nextBoolean(), null));
            }
            for (int k = 1; k <= n + 1; k++) {
                assertThat(EvalMetrics.rewardAtK(samples, k)).as("trial %d, k %d", trial, k)
                        .isCloseTo(bruteForceRewardAtK(samples, k), within(1e-12));
            }
            assertThat(EvalMetrics.bestOfK(samples)).isCloseTo(bruteForceRewardAtK(samples, 1), within(1e-12));
        }
    }

    /** Every order of the samples, each sorted stably by score (so ties keep that order), averaged. */
    private static double bruteForceRewardAtK(List<Sample> samples, int k) {
        List<List<Sample>> orders = new ArrayList<>();
        permute(new ArrayList<>(samples), 0, orders);
        double total = 0;
        int take = Math.min(k, samples.size());
        for (List<Sample> order : orders) {
            List<Sample> sorted = new ArrayList<>(order);
            sorted.sort(Comparator.comparingDouble(Sample::score).reversed());
            total += sorted.subList(0, take).stream().filter(Sample::correct).count() / (double) take;
        }
        return total / orders.size();
    }

    private static void permute(List<Sample> items, int from, List<List<Sample>> out) {
        if (from == items.size()) {
            out.add(new ArrayList<>(items));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            java.util.Collections.swap(items, from, i);
            permute(items, from + 1, out);
            java.util.Collections.swap(items, from, i);
        }
    }

    @Test
    void bestOfKPicksTheTopScoredSample() {
        List<Sample> samples = List.of(new Sample(0.2, true, "x"), new Sample(0.9, false, null),
                new Sample(0.5, true, "y"));
        assertThat(EvalMetrics.bestOfK(samples)).isEqualTo(0.0);
        assertThat(EvalMetrics.rewardAtK(samples, 2)).isEqualTo(0.5);
        assertThat(EvalMetrics.rewardAtK(samples, 3)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(EvalMetrics.rewardAtK(List.of(), 4)).isZero();
        assertThatThrownBy(() -> EvalMetrics.rewardAtK(samples, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passAtKAndDistinctRightAnswers() {
        List<Sample> samples = List.of(new Sample(0.1, true, "(4 - 1) * 8"), new Sample(0.3, true, "(4 - 1) * 8"),
                new Sample(0.2, true, "8 * (4 - 1)"), new Sample(0.9, false, "4 * 8 - 1"), new Sample(0.4, false, null));
        assertThat(EvalMetrics.passAtK(samples)).isTrue();
        assertThat(EvalMetrics.distinctCorrect(samples)).isEqualTo(2);
        assertThat(EvalMetrics.sampleAccuracy(samples)).isEqualTo(0.6);
        List<Sample> wrong = List.of(new Sample(0.9, false, "4 * 8 - 1"), new Sample(0.4, false, null));
        assertThat(EvalMetrics.passAtK(wrong)).isFalse();
        assertThat(EvalMetrics.distinctCorrect(wrong)).isZero();
        assertThat(EvalMetrics.passAtK(List.of())).isFalse();
    }

    @Test
    void wilsonIntervalMatchesPublishedValues() {
        // Newcombe (1998), table I: 0/10 -> 0 to 0.2775; 5/10 -> 0.2366 to 0.7634; 81/263 -> 0.2553 to 0.3662.
        assertThat(EvalMetrics.wilson(0, 10)).containsExactly(new double[] {0, 0.2775}, within(1e-4));
        assertThat(EvalMetrics.wilson(5, 10)).containsExactly(new double[] {0.2366, 0.7634}, within(1e-4));
        assertThat(EvalMetrics.wilson(81, 263)).containsExactly(new double[] {0.2553, 0.3662}, within(1e-4));
        assertThat(EvalMetrics.wilson(0, 0)).containsExactly(0, 1);
    }

    @Test
    void pairedDifferenceOfVerdicts() {
        boolean[] a = {true, true, false, false, true, false};
        boolean[] b = {true, false, true, true, true, true};
        // Differences 0, -1, +1, +1, 0, +1: mean 1/3, sample variance (4 - 6/9) / 5 = 2/3.
        double[] diff = EvalMetrics.pairedDifference(a, b);
        double half = EvalMetrics.Z95 * Math.sqrt((2 / 3.0) / 6);
        assertThat(diff).containsExactly(new double[] {1 / 3.0, 1 / 3.0 - half, 1 / 3.0 + half}, within(1e-12));
        assertThat(EvalMetrics.pairedDifference(a, a)).containsExactly(0, 0, 0);
        assertThatThrownBy(() -> EvalMetrics.pairedDifference(a, new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
