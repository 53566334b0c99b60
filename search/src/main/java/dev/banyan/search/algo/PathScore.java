package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec.Aggregation;

/**
 * Reduces the PRM scores of a path's steps to one score: the newest step's ({@code LAST}), the weakest
 * ({@code MIN}), their product ({@code PROD}, the chance that every step is right if each score were one), or
 * their mean ({@code MEAN}).
 */
final class PathScore {
    private PathScore() {
    }

    /** The aggregate of the PRM scores of the steps from the root to {@code end}; NaN for the root. */
    static double of(Aggregation aggregation, Node end) {
        return of(aggregation, end, false);
    }

    /**
     * As {@link #of(Aggregation, Node)}, but with {@code answerLikelihood} a terminal {@code end} counts with the
     * policy's probability of its step, {@code exp(logProb)}, in place of its PRM score.
     */
    static double of(Aggregation aggregation, Node end, boolean answerLikelihood) {
        if (end.parent() == null) {
            return Double.NaN;
        }
        double own = ownScore(end, answerLikelihood);
        double min = Double.POSITIVE_INFINITY;
        double product = 1;
        double sum = 0;
        int steps = 0;
        for (Node node = end; node.parent() != null; node = node.parent()) {
            double score = node == end ? own : node.prmScore();
            min = Math.min(min, score);
            product *= score;
            sum += score;
            steps++;
        }
        return switch (aggregation) {
            case LAST -> own;
            case MIN -> min;
            case PROD -> product;
            case MEAN -> sum / steps;
        };
    }

    /** The product of the PRM scores from the root's child down to {@code node}: {@code PROD}, but 1 for the root. */
    static double product(Node node) {
        return node.parent() == null ? 1 : of(Aggregation.PROD, node);
    }

    /**
     * A new terminal's value in MCTS* and AB-MCTS: its own score (see {@link #ownScore}), times, with
     * {@code pathValue}, the PRM scores of the steps above it.
     */
    static double terminalValue(Node terminal, boolean answerLikelihood, boolean pathValue) {
        double own = ownScore(terminal, answerLikelihood);
        return pathValue ? own * product(terminal.parent()) : own;
    }

    /**
     * A step's own score: its PRM score, or with {@code answerLikelihood} and a terminal {@code node} the policy's
     * probability of the step, {@code exp(logProb)}.
     */
    static double ownScore(Node node, boolean answerLikelihood) {
        return answerLikelihood && node.isTerminal() ? Math.exp(node.logProb()) : node.prmScore();
    }
}
