package dev.banyan.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statistics of {@code banyan evaluate}: B-STaR's monitors (Zeng et al., 2024, "B-STaR: Monitoring and
 * Balancing Exploration and Exploitation in Self-Taught Reasoners") over K samples of one problem, the PRM's
 * ROC AUC over pooled samples, and 95 % confidence intervals for success rates and paired differences.
 *
 * <p>Exploration: Pass@K (some sample is right) and the number of distinct right answers among the K.
 * Exploitation: best-of-K (the sample the reward scores highest is right) and Reward@k (the share of right
 * samples among the k the reward ranks highest). Samples the reward scores equally are ordered at random, and
 * both give the expectation over that order, so that a reward that cannot tell samples apart earns the base
 * rate, not whatever order the samples came in.
 */
final class EvalMetrics {
    /** The normal quantile of a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    private EvalMetrics() {
    }

    /**
     * One sampled solution.
     *
     * @param score the reward's score of it
     * @param correct the verifier's verdict
     * @param answerKey the task's key of its answer (null when it states none)
     */
    record Sample(double score, boolean correct, String answerKey) {
    }

    /** Whether some sample is right. */
    static boolean passAtK(List<Sample> samples) {
        return samples.stream().anyMatch(Sample::correct);
    }

    /** The share of right samples (Pass@1 estimated from the K). 0 when there are none. */
    static double sampleAccuracy(List<Sample> samples) {
        return samples.isEmpty() ? 0 : (double) samples.stream().filter(Sample::correct).count() / samples.size();
    }

    /** Distinct answer keys among the right samples. */
    static int distinctCorrect(List<Sample> samples) {
        Set<String> keys = new HashSet<>();
        for (Sample sample : samples) {
            if (sample.correct() && sample.answerKey() != null) {
                keys.add(sample.answerKey());
            }
        }
        return keys.size();
    }

    /** The expected correctness of the highest-scored sample (ties in random order); 0 with no samples. */
    static double bestOfK(List<Sample> samples) {
        return rewardAtK(samples, 1);
    }

    /**
     * The expected share of right samples among the {@code k} the reward ranks highest (ties in random order);
     * with fewer than {@code k} samples, among all of them. 0 with no samples.
     */
    static double rewardAtK(List<Sample> samples, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, was " + k);
        }
        if (samples.isEmpty()) {
            return 0;
        }
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingDouble(Sample::score).reversed());
        int take = Math.min(k, sorted.size());
        double right = 0;
        int taken = 0;
        for (int i = 0; i < sorted.size() && taken < take; ) {
            int j = i;
            int groupRight = 0;
            while (j < sorted.size() && Double.compare(sorted.get(j).score(), sorted.get(i).score()) == 0) {
                groupRight += sorted.get(j).correct() ? 1 : 0;
                j++;
            }
            int group = j - i;
            int slots = Math.min(group, take - taken);
            // A uniformly random `slots` of the group's members: each is right with probability groupRight/group.
            right += (double) slots * groupRight / group;
            taken += slots;
            i = j;
        }
        return right / take;
    }

    /**
     * ROC AUC of scores against labels: the chance that a random positive outscores a random negative, ties
     * counting half (the Mann-Whitney U over the pairs). NaN when either class is empty.
     */
    static double auc(List<Sample> samples) {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingDouble(Sample::score));
        long positives = sorted.stream().filter(Sample::correct).count();
        long negatives = sorted.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double wins = 0;
        long negativesBelow = 0;
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            long groupPositives = 0;
            while (j < sorted.size() && Double.compare(sorted.get(j).score(), sorted.get(i).score()) == 0) {
                groupPositives += sorted.get(j).correct() ? 1 : 0;
                j++;
            }
            long groupNegatives = (j - i) - groupPositives;
            wins += groupPositives * (negativesBelow + 0.5 * groupNegatives);
            negativesBelow += groupNegatives;
            i = j;
        }
        return wins / ((double) positives * negatives);
    }

    /** Wilson's 95 % score interval {lower, upper} for {@code successes} of {@code n}; {0, 1} when n is 0. */
    static double[] wilson(long successes, long n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * The mean paired difference {@code b - a} over the same problems, with a normal 95 % interval from the
     * differences' standard error: {mean, lower, upper}. Both arrays hold one verdict per problem, in the same
     * order.
     */
    static double[] pairedDifference(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired verdicts differ in length: " + a.length + " and " + b.length);
        }
        int n = a.length;
        if (n == 0) {
            return new double[] {0, 0, 0};
        }
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            int d = (b[i] ? 1 : 0) - (a[i] ? 1 : 0);
            sum += d;
            squares += d * d;
        }
        double mean = sum / n;
        double variance = n > 1 ? (squares - n * mean * mean) / (n - 1) : 0;
        double half = Z95 * Math.sqrt(Math.max(0, variance) / n);
        return new double[] {mean, mean - half, mean + half};
    }
}
