package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.banyan.engine.PolicyStats;
import dev.banyan.engine.PolicyEngine;
import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.Searcher;
import dev.banyan.search.math.MathTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Both models on Qwen's tokenizer over a real search: MCTS* with the math task ("\n\n" steps) on the first 50
 * GSM8K test questions, the 151,669-token Qwen2 policy fixture and the step-tag PRM fixture. The policy
 * continues every child from its parent's generated ids (almost no prefix token recomputed); the PRM scores
 * each new step from its parent's keys and values: beyond each question's prompt, which runs once, about one
 * token per new step token (with these short searches the prompts are a third of what the PRM runs). Skipped where
 * Qwen's tokenizer or GSM8K is not beside the clone.
 */
class QwenSearchTest {
    private static final Path GSM8K = Path.of("..", "..", "shared", "data", "gsm8k", "test.jsonl");

    private static List<String> questions(int count) throws IOException {
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
    void fiftyGsm8kQuestionsReuseThePoliciesAndThePrmsKeysAndValues() throws IOException {
        Path policyDir = Fixtures.qwenPolicy();
        List<String> questions = questions(50);
        MathTask task = new MathTask("<|im_start|>user\n{question}<|im_end|>\n<|im_start|>assistant\n", "\n\n", 4);
        try (PolicyEngine policy = PolicyEngine.builder(policyDir).intraOpThreads(1).build();
             PrmEngine prm = PrmEngine.builder(Fixtures.dir(Fixtures.QWEN_STEP_TAG)).intraOpThreads(1).build();
             Searcher searcher = Searcher.builder().task(task).policy(policy).stepScorer(prm)
                     .algorithm(AlgorithmSpec.MctsStar.defaults().faithful())
                     .budget(new Budget(Long.MAX_VALUE, 4, Duration.ofMinutes(1))).maxStepTokens(6).seed(3).build()) {
            for (String question : questions) {
                searcher.search(question, null);
            }
            PolicyStats engine = policy.stats();
            PrmStats scores = prm.stats();
            // Each question's prompt runs once (for its first step); with steps this short it weighs a lot.
            long promptTokens = 0;
            try (var codec = dev.banyan.engine.DecoderModel.load(Fixtures.dir(Fixtures.QWEN_STEP_TAG),
                    dev.banyan.engine.Device.CPU, 1, ScoreRule.readout(prm.config()))) {
                for (String question : questions) {
                    promptTokens += codec.codec().encode(prm.config().prompt(question)).length;
                }
            }
            double perStepToken = (double) (scores.tokensProcessed() - promptTokens) / scores.stepTokens();
            System.out.printf("Qwen, MCTS* on 50 GSM8K questions: policy recomputed %.2f%% of %d prefix tokens"
                            + " (%d contexts from ids, %d retokenised); PRM ran %.3f tokens per new step token"
                            + " (%d tokens, %d step tokens, %d prompt tokens); %.3f beyond the prompts%n",
                    100 * engine.prefixRecomputedShare(),
                    engine.prefixTokensReused() + engine.prefixTokensRecomputed() + engine.prefixTokensFirstRun(),
                    engine.contextsFromTokenIds(), engine.contextsRetokenized(), scores.tokensPerStepToken(),
                    scores.tokensProcessed(), scores.stepTokens(), promptTokens, perStepToken);
            assertThat(engine.contextsRetokenized()).isZero();
            assertThat(engine.prefixRecomputedShare()).isLessThanOrEqualTo(0.02);
            assertThat(perStepToken).as("PRM tokens beyond the prompts per new step token").isLessThanOrEqualTo(1.1);
        }
    }
}
