package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.ToDoubleFunction;

/**
 * Best-of-N: sampled chains whose every step the PRM scores; a node's value is its path's aggregated score.
 * {@code WEIGHTED} sums the path scores of each distinct answer and takes the largest sum, {@code ARGMAX}
 * takes the best single path, {@code MAJORITY} ignores the scores. With {@code answerLikelihood}, the first two
 * weigh a chain's answer step by the policy's probability of it instead of its PRM score.
 */
record BestOfNSearch(AlgorithmSpec.BestOfN spec, int threads, ExecutorService pool) implements Algorithm {
    @Override
    public Choice search(SearchRun run) {
        List<Node> ends = ChainSampling.run(run, ChainSampling.chains(run, spec.samples()), false, spec.aggregation(), threads, pool);
        // Nodes keep their PRM path scores (the tree's values, exported as such); only the vote weighs likelihood.
        ToDoubleFunction<Node> weight = spec.answerLikelihood()
                ? end -> PathScore.of(spec.aggregation(), end, true)
                : Node::valueAcquire;
        return switch (spec.mode()) {
            case WEIGHTED -> AnswerVote.weighted(run, ends, weight);
            case ARGMAX -> AnswerVote.best(run, ends, weight);
            case MAJORITY -> AnswerVote.majority(run, ends);
        };
    }
}
