package dev.banyan.search.algo;

import dev.banyan.search.Aggregation;

/** The {@link Aggregation} of the PRM scores along a node's path, and a terminal's value from them. */
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
        double[] scores = new double[end.depth()];
        scores[scores.length - 1] = ownScore(end, answerLikelihood);
        int step = scores.length - 1;
        for (Node node = end.parent(); node.parent() != null; node = node.parent()) {
            scores[--step] = node.prmScore();
        }
        return aggregation.reduce(scores);
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
