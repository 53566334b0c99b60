package dev.banyan.engine;

import static dev.banyan.engine.EngineHarness.CONTEXT;
import static dev.banyan.engine.EngineHarness.drive;
import static dev.banyan.engine.EngineHarness.engine;
import static dev.banyan.engine.EngineHarness.propose;
import static dev.banyan.engine.EngineHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyEngineTest {
    private static final List<String> NO_STOPS = List.of();

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.LLAMA, Fixtures.GPT2, Fixtures.LLAMA_FP16_KV})
    void sameSeedSameProposalsAndSeedsDiffer(String fixture) {
        try (PolicyEngine first = engine(fixture); PolicyEngine second = engine(fixture)) {
            List<StepProposal> a = propose(first, request(CONTEXT, NO_STOPS, 4, false, 7, 12));
            List<StepProposal> b = propose(second, request(CONTEXT, NO_STOPS, 4, false, 7, 12));
            List<StepProposal> other = propose(second, request(CONTEXT, NO_STOPS, 4, false, 8, 12));
            assertThat(texts(b)).isEqualTo(texts(a));
            assertThat(a).allSatisfy(p -> assertThat(p.logProb()).isNegative().isFinite());
            assertThat(texts(other)).isNotEqualTo(texts(a));
            assertThat(texts(a)).as("each proposal has its own generator").doesNotHaveDuplicates();
        }
    }

    @Test
    void maxTokensCutsTheSameDrawsShort() {
        try (PolicyEngine engine = engine(Fixtures.LLAMA)) {
            List<StepProposal> longer = propose(engine, request(CONTEXT, NO_STOPS, 3, false, 5, 30));
            List<StepProposal> shorter = propose(engine, request(CONTEXT, NO_STOPS, 3, false, 5, 6));
            for (int i = 0; i < 3; i++) {
                assertThat(shorter.get(i).tokenCount()).isLessThanOrEqualTo(6);
                assertThat(longer.get(i).text()).startsWith(shorter.get(i).text());
            }
            assertThat(shorter).anySatisfy(p -> assertThat(p.tokenCount()).isEqualTo(6));
        }
    }

    @Test
    void stopStringStraddlingTokensEndsTheStep() {
        try (PolicyEngine engine = engine(Fixtures.LLAMA)) {
            String free = propose(engine, request(CONTEXT, NO_STOPS, 1, false, 3, 40)).get(0).text();
            assertThat(free.length()).as("free text long enough to pick a stop from").isGreaterThan(12);
            String stop = free.substring(8, 11); // three characters: three tokens of the per-character vocabulary
            int at = free.indexOf(stop);
            StepProposal cut = propose(engine, request(CONTEXT, List.of(stop), 1, false, 3, 40)).get(0);
            assertThat(cut.text()).isEqualTo(free.substring(0, at));
            assertThat(cut.tokenCount()).isLessThanOrEqualTo(at + stop.length()).isGreaterThanOrEqualTo(stop.length());
        }
    }

    @Test
    void endOfSequenceTokenEndsTheStep() throws IOException {
        String free;
        try (PolicyEngine engine = engine(Fixtures.LLAMA)) {
            free = propose(engine, request(CONTEXT, NO_STOPS, 1, false, 3, 40)).get(0).text();
        }
        // Declare a character the model emits as its end-of-sequence token.
        char end = free.charAt(10);
        Path dir = Fixtures.copy(Fixtures.LLAMA, temp.resolve("eos"));
        long endId;
        try (TextCodec codec = TextCodec.load(dir.resolve("tokenizer.json"))) {
            long[] ids = codec.encode(String.valueOf(end));
            endId = ids[ids.length - 1];
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode generation = (ObjectNode) json.readTree(dir.resolve("generation_config.json").toFile());
        generation.putArray("eos_token_id").add(2).add(endId);
        json.writeValue(dir.resolve("generation_config.json").toFile(), generation);

        try (PolicyEngine engine = EngineHarness.builder(dir).build()) {
            StepProposal ended = propose(engine, request(CONTEXT, NO_STOPS, 1, false, 3, 40)).get(0);
            int at = free.indexOf(end);
            assertThat(ended.text()).isEqualTo(free.substring(0, at));
            assertThat(ended.tokenCount()).isGreaterThan(ended.text().length()); // the end token counts
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.LLAMA, Fixtures.GPT2, Fixtures.LLAMA_FP16_KV})
    void childContinuingFromCachedParentSamplesAsARecomputation(String fixture) {
        for (boolean greedy : new boolean[] {false, true}) {
            List<StepProposal> cached;
            List<StepProposal> recomputed;
            StepRequest child;
            try (PolicyEngine engine = engine(fixture)) {
                List<StepProposal> parent = propose(engine, request(CONTEXT, List.of("\n"), 4, greedy, 11, 16));
                // Random weights sometimes emit special tokens, which leave no text; a step without them (one
                // token per character, plus the "\n" when it stopped there) re-tokenizes to the parent's tokens.
                StepProposal step = parent.stream().filter(PolicyEngineTest::onePerCharacter)
                        .findFirst().orElse(parent.get(0));
                child = request(CONTEXT + step.text() + "\n", List.of("\n"), 3, greedy, 12, 16);
                long reusedBefore = engine.stats().prefixTokensReused();
                cached = propose(engine, child);
                long reused = engine.stats().prefixTokensReused() - reusedBefore;
                int fedStepTokens = onePerCharacter(step) ? step.tokenCount() - 1 : 0;
                assertThat(reused).as("the child reuses the context and the parent's fed step tokens")
                        .isGreaterThanOrEqualTo(1 + CONTEXT.length() + fedStepTokens);
            }
            try (PolicyEngine fresh = EngineHarness.builder(Fixtures.dir(fixture)).cacheBytes(0).build()) {
                recomputed = propose(fresh, child);
                assertThat(fresh.stats().prefixTokensReused()).isZero();
            }
            assertSameProposals(cached, recomputed);
        }
    }

    @Test
    void afterEvictionTheChildStillSamplesAsARecomputation() {
        long snapshotBytes;
        try (PolicyEngine engine = engine(Fixtures.LLAMA)) {
            propose(engine, request(CONTEXT, NO_STOPS, 1, true, 1, 1));
            snapshotBytes = engine.stats().cacheBytes();
        }
        assertThat(snapshotBytes).isPositive();
        // Room for about two context-sized entries: proposals evict each other and their context.
        PolicyEngine small = EngineHarness.builder(Fixtures.dir(Fixtures.LLAMA)).cacheBytes(2 * snapshotBytes + 1).build();
        PolicyEngine none = EngineHarness.builder(Fixtures.dir(Fixtures.LLAMA)).cacheBytes(0).build();
        try (small; none) {
            String context = CONTEXT;
            for (int depth = 0; depth < 4; depth++) {
                StepRequest request = request(context, List.of("\n"), 4, false, 100 + depth, 12);
                List<StepProposal> a = propose(small, request);
                List<StepProposal> b = propose(none, request);
                assertSameProposals(a, b);
                context = context + a.get(depth % a.size()).text() + "\n";
            }
            assertThat(small.stats().cacheEvictions()).isPositive();
            assertThat(small.stats().cacheBytes()).isLessThanOrEqualTo(2 * snapshotBytes + 1);
            assertThat(small.stats().prefixTokensReused()).isPositive();
        }
    }

    @Test
    void requestsSharingPassesGetWhatTheyGetAlone() {
        List<StepRequest> requests = new ArrayList<>();
        String[] contexts = {CONTEXT, "Input: 1 1 4 6\nSteps:\n", "Input: 2 3 5 12\nSteps:\n6 * 2 = 12 (left: 3 5 12)\n", "Q"};
        for (int i = 0; i < 8; i++) {
            requests.add(request(contexts[i % contexts.length], List.of("\n"), 1 + i % 3, i == 5, 40 + i, 10 + i));
        }
        try (PolicyEngine batched = EngineHarness.builder(Fixtures.dir(Fixtures.GPT2)).maxBatchSequences(6)
                .maxBatchTokens(40).cacheBytes(0).build();
             PolicyEngine alone = EngineHarness.builder(Fixtures.dir(Fixtures.GPT2)).cacheBytes(0).build()) {
            List<CompletableFuture<List<StepProposal>>> futures = new ArrayList<>();
            requests.forEach(r -> futures.add(batched.propose(r)));
            drive(batched, CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
            for (int i = 0; i < requests.size(); i++) {
                assertSameProposals(futures.get(i).join(), propose(alone, requests.get(i)));
            }
            PolicyStats stats = batched.stats();
            assertThat(stats.meanBatchSize()).isGreaterThan(2);
            assertThat(stats.requests()).isEqualTo(requests.size());
            long returned = futures.stream().mapToLong(f -> f.join().stream().mapToInt(StepProposal::tokenCount).sum()).sum();
            assertThat(stats.tokensGenerated()).as("a greedy request generates once")
                    .isEqualTo(returned - greedyDuplicates(requests, futures));
        }
    }

    @Test
    void greedyRequestsReturnOneProposalCountTimes() {
        try (PolicyEngine engine = engine(Fixtures.LLAMA)) {
            List<StepProposal> proposals = propose(engine, request(CONTEXT, List.of("\n"), 3, true, 1, 10));
            assertThat(proposals).hasSize(3).containsOnly(proposals.get(0));
            assertThat(engine.stats().tokensGenerated()).isEqualTo(proposals.get(0).tokenCount());
        }
    }

    @Test
    void contextLongerThanThePositionsFailsTheRequest() {
        try (PolicyEngine engine = engine(Fixtures.LLAMA)) {
            CompletableFuture<List<StepProposal>> future = engine.propose(request("7".repeat(600), NO_STOPS, 1, false, 1, 5));
            assertThatThrownBy(() -> drive(engine, future)).isInstanceOf(CompletionException.class)
                    .hasMessageContaining("601 tokens").hasMessageContaining("max_position_embeddings");
            assertThat(propose(engine, request(CONTEXT, NO_STOPS, 1, false, 1, 3))).hasSize(1);
        }
    }

    @Test
    void ownInferenceThreadServesConcurrentCallers() throws Exception {
        PolicyEngine engine = PolicyEngine.builder(Fixtures.dir(Fixtures.LLAMA)).intraOpThreads(1).build();
        try {
            List<CompletableFuture<List<StepProposal>>> futures = new ArrayList<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                CompletableFuture<List<StepProposal>> result = new CompletableFuture<>();
                futures.add(result);
                Thread caller = new Thread(() -> engine.propose(request(CONTEXT, List.of("\n"), 2, false, seed, 8))
                        .whenComplete((v, e) -> {
                            if (e != null) {
                                result.completeExceptionally(e);
                            } else {
                                result.complete(v);
                            }
                        }));
                callers.add(caller);
                caller.start();
            }
            for (Thread caller : callers) {
                caller.join();
            }
            for (CompletableFuture<List<StepProposal>> future : futures) {
                assertThat(future.get(30, TimeUnit.SECONDS)).hasSize(2);
            }
            engine.close();
            assertThatThrownBy(() -> engine.propose(request(CONTEXT, NO_STOPS, 1, false, 1, 3)).join())
                    .hasMessageContaining("closed");
        } finally {
            engine.close(); // idempotent
        }
    }

    private static long greedyDuplicates(List<StepRequest> requests, List<CompletableFuture<List<StepProposal>>> futures) {
        long duplicates = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).greedy()) {
                duplicates += (long) (requests.get(i).count() - 1) * futures.get(i).join().get(0).tokenCount();
            }
        }
        return duplicates;
    }

    /** Whether a step of at most 16 tokens decoded to one character per token (the stop "\n" aside). */
    private static boolean onePerCharacter(StepProposal step) {
        int length = step.text().length();
        return step.tokenCount() < 16 ? step.tokenCount() == length + 1 : length == 16;
    }

    static void assertSameProposals(List<StepProposal> actual, List<StepProposal> expected) {
        assertThat(texts(actual)).isEqualTo(texts(expected));
        assertThat(actual.stream().map(StepProposal::tokenCount).toList())
                .isEqualTo(expected.stream().map(StepProposal::tokenCount).toList());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).logProb()).isCloseTo(expected.get(i).logProb(), org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    private static List<String> texts(List<StepProposal> proposals) {
        return proposals.stream().map(StepProposal::text).toList();
    }
}
