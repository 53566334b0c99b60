package dev.banyan.engine;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Builds engines without their own thread and drives them on the test's thread. */
final class EngineHarness {
    static final String QUESTION = "4 9 10 13";
    static final String CONTEXT = "Input: 4 9 10 13\nSteps:\n";

    private EngineHarness() {
    }

    static PolicyEngine.Builder builder(Path model) {
        return PolicyEngine.builder(model).withoutThread().intraOpThreads(1);
    }

    static PolicyEngine engine(String fixture) {
        return builder(Fixtures.dir(fixture)).build();
    }

    static StepRequest request(String context, List<String> stops, int count, boolean greedy, long seed, int maxTokens) {
        return new StepRequest(ReasoningPath.of(QUESTION), context, stops, count, greedy, seed, maxTokens);
    }

    /** Runs duty cycles until the future completes; fails if the loop stops making progress. */
    static <T> T drive(PolicyEngine engine, CompletableFuture<T> future) {
        int idle = 0;
        while (!future.isDone()) {
            idle = engine.loop().doWork() == 0 ? idle + 1 : 0;
            if (idle > 1000) {
                throw new AssertionError("the loop idles with work pending (" + engine.loop().activeRows() + " rows)");
            }
        }
        return future.join();
    }

    static List<StepProposal> propose(PolicyEngine engine, StepRequest request) {
        return drive(engine, engine.propose(request));
    }
}
