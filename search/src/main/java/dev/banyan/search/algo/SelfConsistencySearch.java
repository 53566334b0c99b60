package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Self-consistency (Wang et al., 2023): sampled chains until {@code samples} or the budget, then a majority
 * vote over their answers; ties go to the answer reached first. No PRM is called.
 */
record SelfConsistencySearch(AlgorithmSpec.SelfConsistency spec, int threads, ExecutorService pool) implements Algorithm {
    @Override
    public Choice search(SearchRun run) {
        List<Node> ends = ChainSampling.run(run, ChainSampling.chains(run, spec.samples()), false, null, threads, pool);
        Choice choice = AnswerVote.majority(run, ends);
        AgreementValues.assign(run, ends, choice.answer());
        return choice;
    }
}
