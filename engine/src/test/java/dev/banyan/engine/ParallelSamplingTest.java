package dev.banyan.engine;

import static dev.banyan.engine.EngineHarness.CONTEXT;
import static dev.banyan.engine.EngineHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sampling a pass's rows on several threads ({@link RowSampler}) changes no token: whole decodes with
 * {@code samplingThreads(4)} against the same with {@code samplingThreads(1)}, the plain path, as the oracle.
 */
class ParallelSamplingTest {
    private static final String OTHER_CONTEXT = "Input: 1 2 3 4\nSteps:\n";

    @TempDir
    Path temp;

    /** Requests that share passes: sampled with and without a stop string, and greedy. */
    private static List<StepRequest> requests(int maxTokens) {
        return List.of(
                request(CONTEXT, List.of("\n"), 8, false, 3, maxTokens),
                request(OTHER_CONTEXT, List.of(), 6, false, 4, maxTokens),
                request(CONTEXT, List.of(), 2, true, 5, maxTokens / 2));
    }

    /**
     * Qwen's 151,669-token vocabulary: every pass samples over a million logits, so with four threads every pass
     * goes parallel, the forks of the prefills included. Both the model's own sampling settings (top-k 20, top-p
     * 0.8, temperature 0.7) and the search's plain softmax.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generation_config.json", "temperature 1, no cuts"})
    void decodingOnQwensVocabularyIsTheSameOnFourThreadsAsOnOne(String sampling) {
        Path model = Fixtures.dir(Fixtures.QWEN);
        UnaryOperator<PolicyEngine.Builder> settings = sampling.startsWith("generation")
                ? b -> b : b -> b.temperature(1).topK(0).topP(1);
        List<List<StepProposal>> sequential;
        try (PolicyEngine engine = settings.apply(EngineHarness.builder(model).samplingThreads(1)).build()) {
            sequential = proposeTogether(engine, requests(16));
        }
        String helperPrefix = "banyan-sampler-" + model.getFileName() + "-";
        try (PolicyEngine engine = settings.apply(EngineHarness.builder(model).samplingThreads(4)).build()) {
            List<List<StepProposal>> parallel = proposeTogether(engine, requests(16));
            assertThat(helperThreads(helperPrefix)).as("the helpers sampled").isNotEmpty();
            assertSame(parallel, sequential);
        }
    }

    /** A tiny vocabulary never pays: the helpers are never started. */
    @Test
    void smallVocabulariesStayOnTheInferenceThread() {
        Path model = Fixtures.dir(Fixtures.LLAMA);
        try (PolicyEngine engine = EngineHarness.builder(model).samplingThreads(4).build()) {
            proposeTogether(engine, requests(12));
            assertThat(helperThreads("banyan-sampler-" + model.getFileName() + "-")).isEmpty();
        }
    }

    /**
     * The tiny model made to sample in parallel at any size: same tokens, and the helper threads are gone once
     * the engine is closed.
     */
    @Test
    void forcedParallelOnATinyVocabularyIsTheSameAndClosesItsHelpers() throws InterruptedException {
        Path model = Fixtures.dir(Fixtures.LLAMA);
        List<List<StepProposal>> sequential;
        try (PolicyEngine engine = EngineHarness.builder(model).samplingThreads(1).build()) {
            sequential = proposeTogether(engine, requests(12));
        }
        String prefix = "banyan-sampler-" + model.getFileName() + "-";
        try (PolicyEngine engine = EngineHarness.builder(model).samplingThreads(3).parallelSamplingFrom(0).build()) {
            assertSame(proposeTogether(engine, requests(12)), sequential);
            assertThat(helperThreads(prefix)).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!helperThreads(prefix).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(helperThreads(prefix)).as("helper threads left after close").isEmpty();
    }

    /**
     * A row whose logits turn NaN fails its own job only: the tiny model with the embedding of one token set to NaN,
     * a token that one request feeds (in its context, or as a token it samples and feeds back) and the other never
     * does. The other request's proposals are those of the clean model; both paths agree.
     */
    @ParameterizedTest(name = "the bad token {0}")
    @ValueSource(strings = {"in the context", "sampled while decoding"})
    void aRowWithNanLogitsFailsOnlyItsJob(String where) throws IOException {
        Path clean = Fixtures.dir(Fixtures.LLAMA);
        StepRequest bad = request(where.startsWith("in") ? "Quiz: 4 9 10 13\nSteps:\n" : CONTEXT, List.of(), 4, false,
                21, 12);
        StepRequest good = request(OTHER_CONTEXT, List.of(), 3, false, 22, 12);
        List<List<StepProposal>> before;
        long[] badContext;
        long[] goodContext;
        int vocabulary;
        try (PolicyEngine engine = EngineHarness.builder(clean).samplingThreads(1).build()) {
            vocabulary = engine.loop().model.config().vocabSize();
            before = proposeTogether(engine, List.of(bad, good));
            badContext = engine.contextIds(bad);
            goodContext = engine.contextIds(good);
        }
        Set<Long> goodTokens = new HashSet<>();
        for (long id : goodContext) {
            goodTokens.add(id);
        }
        for (StepProposal proposal : before.get(1)) {
            assertThat(proposal.tokenIds()).isNotNull();
            for (long id : proposal.tokenIds()) {
                goodTokens.add(id);
            }
        }
        List<Long> candidates = new ArrayList<>();
        if (where.startsWith("in")) {
            for (long id : badContext) {
                candidates.add(id);
            }
        } else {
            Set<Long> inContext = new HashSet<>();
            for (long id : badContext) {
                inContext.add(id);
            }
            for (StepProposal proposal : before.get(0)) {
                long[] ids = proposal.tokenIds();
                assertThat(ids).isNotNull();
                for (int i = 0; i < ids.length - 1; i++) { // all but the last were fed back
                    if (!inContext.contains(ids[i])) {
                        candidates.add(ids[i]);
                    }
                }
            }
        }
        long token = candidates.stream().filter(id -> id > 3 && !goodTokens.contains(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no token only the bad request feeds; change the seeds"));
        Path poisoned = NanWeightsTest.copyWithNanRow(clean, temp.resolve("nan-row"), "embed.weight", (int) token,
                vocabulary);
        List<List<StepProposal>> finished = new ArrayList<>();
        for (int threads : new int[] {1, 3}) {
            try (PolicyEngine engine = EngineHarness.builder(poisoned).samplingThreads(threads).parallelSamplingFrom(0)
                    .build()) {
                CompletableFuture<List<StepProposal>> failing = engine.propose(bad);
                CompletableFuture<List<StepProposal>> finishing = engine.propose(good);
                EngineHarness.drive(engine, CompletableFuture.allOf(failing, finishing).exceptionally(e -> null));
                assertThatThrownBy(failing::join).as("%d threads", threads).isInstanceOf(CompletionException.class)
                        .hasMessageContaining("the policy's logits are not finite: NaN");
                finished.add(finishing.join());
                assertThat(engine.loop().activeRows()).isZero();
            }
        }
        assertSame(finished.subList(1, 2), finished.subList(0, 1));
        // Against the clean model the passes differ in rows once the bad request is gone, which moves the logits
        // by float rounding: the same tokens, log-probabilities within rounding.
        for (int i = 0; i < before.get(1).size(); i++) {
            StepProposal expected = before.get(1).get(i);
            StepProposal after = finished.get(0).get(i);
            assertThat(after.tokenIds()).as("proposal %d", i).isEqualTo(expected.tokenIds());
            assertThat(after.logProb()).as("proposal %d", i).isCloseTo(expected.logProb(), within(1e-4));
        }
    }

    /** Submits every request before driving the loop, so that they share passes. */
    private static List<List<StepProposal>> proposeTogether(PolicyEngine engine, List<StepRequest> requests) {
        List<CompletableFuture<List<StepProposal>>> futures = requests.stream().map(engine::propose).toList();
        EngineHarness.drive(engine, CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static void assertSame(List<List<StepProposal>> actual, List<List<StepProposal>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < expected.size(); j++) {
            assertThat(actual.get(j)).hasSameSizeAs(expected.get(j));
            for (int i = 0; i < expected.get(j).size(); i++) {
                StepProposal a = actual.get(j).get(i);
                StepProposal e = expected.get(j).get(i);
                String which = "request " + j + ", proposal " + i;
                assertThat(a.tokenIds()).as(which).isEqualTo(e.tokenIds());
                assertThat(a.text()).as(which).isEqualTo(e.text());
                assertThat(a.tokenCount()).as(which).isEqualTo(e.tokenCount());
                assertThat(a.logProb()).as(which).isEqualTo(e.logProb());
                assertThat(a.endOfSequence()).as(which).isEqualTo(e.endOfSequence());
            }
        }
    }

    private static List<Thread> helperThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).toList();
    }
}
