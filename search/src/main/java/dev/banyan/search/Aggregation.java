package dev.banyan.search;

/**
 * How a path's step scores reduce to one score: the newest step's ({@code LAST}), the weakest ({@code MIN}),
 * their product ({@code PROD}, the chance that every step is right, were each score one and the steps
 * independent), or their mean ({@code MEAN}). A search concept: algorithms rank and vote on paths by it, and a
 * reward model used as an outcome scorer reduces a finished path's step scores by it.
 */
public enum Aggregation {
    LAST, MIN, PROD, MEAN;

    /**
     * The scores, oldest step first, reduced by this aggregation. Products and sums run from the newest step
     * back, the order in which a search walks a path from its end.
     */
    public double reduce(double[] stepScores) {
        int steps = stepScores.length;
        if (steps == 0) {
            throw new IllegalArgumentException("a path with no step scores has no aggregate");
        }
        double min = Double.POSITIVE_INFINITY;
        double product = 1;
        double sum = 0;
        for (int i = steps - 1; i >= 0; i--) {
            double score = stepScores[i];
            min = Math.min(min, score);
            product *= score;
            sum += score;
        }
        return switch (this) {
            case LAST -> stepScores[steps - 1];
            case MIN -> min;
            case PROD -> product;
            case MEAN -> sum / steps;
        };
    }
}
