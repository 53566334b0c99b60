package dev.banyan.search;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The language model that proposes reasoning steps. Asynchronous so that many requests, from many search
 * threads and problems, can be in flight at once and batched by the implementation.
 */
public interface Policy {
    /** Proposes {@code request.count()} next steps for the request's path. */
    CompletableFuture<List<StepProposal>> propose(StepRequest request);

    /**
     * This policy, adding what each request costs it to {@code usage}; by default the policy itself, which counts
     * nothing.
     */
    default Policy countingInto(ModelUsage usage) {
        return this;
    }
}
