package dev.banyan.search.algo;

import java.util.List;

/** Greedy decoding, step by step: one chain of the policy's most likely step each time; no PRM. */
final class GreedySearch implements Algorithm {
    @Override
    public Choice search(SearchRun run) {
        List<Node> ends = ChainSampling.run(run, 1, true, null, 1, null);
        Choice choice = AnswerVote.majority(run, ends);
        AgreementValues.assign(run, ends, choice.answer());
        return choice;
    }
}
