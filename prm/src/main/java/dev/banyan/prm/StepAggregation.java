package dev.banyan.prm;

import dev.banyan.search.AlgorithmSpec.Aggregation;

/** Reduces a path's step scores to one score, as best-of-N, beam search and a PRM used as an outcome model do. */
public final class StepAggregation {
    private StepAggregation() {
    }

    /**
     * The scores, oldest step first, reduced by {@code how}: the last one, the smallest, their product (the
     * probability that every step is right, were they independent), or their mean.
     */
    public static double aggregate(Aggregation how, double[] stepScores) {
        if (stepScores.length == 0) {
            throw new IllegalArgumentException("a path with no step scores has no aggregate");
        }
        return switch (how) {
            case LAST -> stepScores[stepScores.length - 1];
            case MIN -> {
                double min = stepScores[0];
                for (double score : stepScores) {
                    min = Math.min(min, score);
                }
                yield min;
            }
            case PROD -> {
                double product = 1;
                for (double score : stepScores) {
                    product *= score;
                }
                yield product;
            }
            case MEAN -> {
                double sum = 0;
                for (double score : stepScores) {
                    sum += score;
                }
                yield sum / stepScores.length;
            }
        };
    }
}
