package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Searcher;
import dev.banyan.search.StepScore;
import dev.banyan.search.StepScorer;
import dev.banyan.search.math.MathTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * KV reuse with a real byte-level BPE tokenizer: MCTS* with the math task ("\n\n" steps) over the first 10
 * GSM8K test questions (the reward-model module runs 50 with a Qwen PRM), the 151,669-token Qwen2 fixture. Every child continues from the ids its
 * parent's proposal generated, so nothing is tokenised again and almost no prefix token is recomputed. The
 * random-weight model writes random tokens, so its steps end at the token limit, and the delimiter's ids are
 * appended to them. Skipped where Qwen's tokenizer or GSM8K is not beside the clone.
 */
class QwenSearchKvReuseTest {
    private static final Path GSM8K = Path.of("..", "..", "shared", "data", "gsm8k", "test.jsonl");

    /** A scorer that needs no model: a fixed pseudo-random value per path. */
    private static final StepScorer HASH_SCORER = paths -> CompletableFuture.completedFuture(paths.stream()
            .map(p -> new StepScore((p.toString().hashCode() & 0xffff) / 65536.0, 0)).toList());

    static List<String> questions(int count) throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(GSM8K), "GSM8K is not at " + GSM8K.toAbsolutePath().normalize());
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(GSM8K).stream().limit(count).map(line -> {
            try {
                return json.readTree(line).get("question").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void tenGsm8kQuestionsRecomputeAtMostTwoPercentOfPrefixTokens() throws IOException {
        List<String> questions = questions(10);
        MathTask task = new MathTask("<|im_start|>user\n{question}<|im_end|>\n<|im_start|>assistant\n", "\n\n", 4);
        try (PolicyEngine engine = PolicyEngine.builder(Fixtures.qwen(Fixtures.QWEN)).intraOpThreads(1).build();
             Searcher searcher = Searcher.builder().task(task).policy(engine).stepScorer(HASH_SCORER)
                     .algorithm(AlgorithmSpec.MctsStar.defaults().faithful())
                     .budget(new Budget(Long.MAX_VALUE, 4, Duration.ofMinutes(1))).maxStepTokens(6).seed(3).build()) {
            for (String question : questions) {
                searcher.search(question, null);
            }
            PolicyStats stats = engine.stats();
            long needed = stats.prefixTokensReused() + stats.prefixTokensRecomputed() + stats.prefixTokensFirstRun();
            System.out.printf("Qwen KV reuse over MCTS* on 10 GSM8K questions: %d context tokens needed, %d reused,"
                            + " %d recomputed (%.2f%%), %d run for the first time; %d requests, %d contexts from ids,"
                            + " %d retokenised, %d tokens generated%n", needed, stats.prefixTokensReused(),
                    stats.prefixTokensRecomputed(), 100 * stats.prefixRecomputedShare(), stats.prefixTokensFirstRun(),
                    stats.requests(), stats.contextsFromTokenIds(), stats.contextsRetokenized(), stats.tokensGenerated());
            assertThat(stats.contextsFromTokenIds()).isPositive();
            assertThat(stats.contextsRetokenized()).isZero();
            assertThat(stats.prefixRecomputedShare()).isLessThanOrEqualTo(0.02);
        }
    }

    /** The oracle of the ids flow: a child's context ids are its parent's context ids and its step's ids. */
    @Test
    void aChildsContextIsItsParentsContextAndTheStepsGeneratedIds() {
        MathTask task = new MathTask("Q: {question}\nA:\n", "\n\n", 4);
        try (PolicyEngine engine = PolicyEngine.builder(Fixtures.qwen(Fixtures.QWEN)).intraOpThreads(1).build()) {
            ReasoningPath root = ReasoningPath.of("What is 1+1?");
            var request = new dev.banyan.search.StepRequest(root, task.render(root), task.stopStrings(), 3, false, 9, 5);
            long[] rootIds = engine.contextIds(request);
            for (var proposal : engine.propose(request).join()) {
                assertThat(proposal.tokenIds()).as("proposal %s", proposal).isNotNull();
                ReasoningPath child = root.extend(proposal.text(), proposal.tokenIds());
                var next = new dev.banyan.search.StepRequest(child, task.render(child), task.stopStrings(), 1, false, 1, 5);
                long[] ids = engine.contextIds(next);
                long[] expected = java.util.stream.LongStream.concat(java.util.Arrays.stream(rootIds),
                        java.util.Arrays.stream(proposal.tokenIds())).toArray();
                assertThat(ids).containsExactly(expected);
            }
            // A step whose text was rewritten is encoded from its text, and counted.
            ReasoningPath rewritten = root.extend("two", new long[] {17, 18});
            engine.contextIds(new dev.banyan.search.StepRequest(rewritten, task.render(rewritten), task.stopStrings(),
                    1, false, 1, 5));
            assertThat(engine.stats().contextsRetokenized()).isEqualTo(1);
        }
    }
}
