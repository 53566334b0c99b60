package dev.banyan.engine;

import dev.banyan.search.ModelUsage;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import java.util.Arrays;
import java.util.List;

/** One {@code propose} call on its way through the inference thread. */
final class Job extends ForwardPassLoop.Request<List<StepProposal>> {
    final StepRequest request;
    /** The tokenized context. */
    final long[] tokens;
    private StepProposal[] results;
    private int remaining;

    Job(StepRequest request, long[] tokens, ModelUsage usage) {
        super(usage);
        this.request = request;
        this.tokens = tokens;
    }

    /** Proposals actually generated: one when greedy (all would be equal), else {@code count}. */
    int generated() {
        return request.greedy() ? 1 : request.count();
    }

    void start() {
        results = new StepProposal[generated()];
        remaining = results.length;
    }

    /** Records proposal {@code index}; completes the future when it was the last one. */
    void finish(int index, StepProposal proposal) {
        if (results[index] != null) {
            throw new IllegalStateException("proposal " + index + " finished twice");
        }
        results[index] = proposal;
        if (--remaining == 0) {
            StepProposal[] all = results.length == request.count() ? results : new StepProposal[request.count()];
            if (all != results) {
                Arrays.fill(all, results[0]);
            }
            future().complete(List.of(all));
        }
    }

}
