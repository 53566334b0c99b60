package dev.banyan.api;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;

/** A bundle opened from a model directory. */
final class OpenedBundle implements ModelBundle {
    private final ModelConfig config;
    private final Task task;
    private final Part<Policy> policy;
    private final Part<StepScorer> scorer;

    OpenedBundle(ModelConfig config, Task task, Part<Policy> policy, Part<StepScorer> scorer) {
        this.config = config;
        this.task = task;
        this.policy = policy;
        this.scorer = scorer;
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public Policy policy() {
        return policy.model();
    }

    @Override
    public StepScorer stepScorer() {
        return scorer.model();
    }

    @Override
    public EngineStats engineStats() {
        return policy.stats().get().plus(scorer.stats().get());
    }

    @Override
    public boolean reference() {
        return config.onnx().reference();
    }

    @Override
    public SearchDefaults defaults() {
        return config.defaults();
    }

    @Override
    public String description() {
        return config.directory() + " (task " + config.task() + ", policy " + config.policy() + ", prm "
                + config.prm() + ")";
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Part<?> part : new Part<?>[] {scorer, policy}) {
            try {
                part.closer().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the models of " + config.directory() + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Releases a part opened before a later part failed; the first failure is what the caller sees. */
    static void closeQuietly(Part<?> part, RuntimeException failure) {
        try {
            part.closer().close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
