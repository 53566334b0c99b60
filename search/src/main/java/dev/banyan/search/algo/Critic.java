package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;

import java.util.List;

/**
 * η-MCTS's critic: {@code (βvalue·value + βprm·PRM + βorm·E[ORM]) / (βvalue + βprm + βorm)}.
 *
 * <p>The project has no separate value model, so "value" is the PRM score as well: {@code βvalue} and
 * {@code βprm} weigh the same number. {@code E[ORM]} is the outcome scorer's mean over {@code fastRollouts}
 * sampled rollouts from the node to a finished path (the node's own path when it is finished); rollouts are
 * not added to the tree and stop at the budget. When no rollout finished (or βorm is 0) the ORM term drops out
 * and the weights of the rest are renormalised; with no term left the PRM score stands.
 */
final class Critic {
    /** Rollout seeds use salts from here on, apart from the salts of expansion draws. */
    private static final int ROLLOUT_SALT = 1 << 20;

    private Critic() {
    }

    /** The critic value of {@code node}, an unpublished child whose PRM score is known. */
    static double value(SearchRun run, AlgorithmSpec.EtaMcts spec, Node node) {
        double prm = node.prmScore();
        double sum = (spec.betaValue() + spec.betaPrm()) * prm;
        double weight = spec.betaValue() + spec.betaPrm();
        if (spec.betaOrm() > 0) {
            double outcome = expectedOutcome(run, spec, node);
            if (!Double.isNaN(outcome)) {
                sum += spec.betaOrm() * outcome;
                weight += spec.betaOrm();
            }
        }
        return weight == 0 ? prm : sum / weight;
    }

    /** The mean ORM score over the node's rollouts; NaN when none finished. */
    private static double expectedOutcome(SearchRun run, AlgorithmSpec.EtaMcts spec, Node node) {
        if (finished(run, node.path())) {
            return outcome(run, node.path());
        }
        double sum = 0;
        int count = 0;
        for (int rollout = 0; rollout < spec.fastRollouts(); rollout++) {
            ReasoningPath end = rollOut(run, node, rollout);
            if (end != null) {
                sum += outcome(run, end);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** One sampled rollout to a finished path; null when the policy stalled or the budget cut it. */
    private static ReasoningPath rollOut(SearchRun run, Node from, int rollout) {
        ReasoningPath path = from.path();
        for (int step = 0; !finished(run, path); step++) {
            if (run.shouldCut()) {
                return null;
            }
            List<Expander.Candidate> next = Expander.sample(run, path, 1, false,
                    run.seedFor(from, rollout, ROLLOUT_SALT + step));
            if (next.isEmpty()) {
                return null;
            }
            path = next.get(0).path();
        }
        return path;
    }

    private static boolean finished(SearchRun run, ReasoningPath path) {
        return run.task.isTerminal(path) || path.depth() >= run.task.maxSteps();
    }

    private static double outcome(SearchRun run, ReasoningPath finished) {
        StepScore score = run.await(run.outcomeScorer.scoreOutcome(finished), "the outcome scorer");
        run.chargePrmTokens(score.tokensProcessed());
        return score.value();
    }
}
