package dev.banyan.search.math;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.Policy;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskRegistry;
import dev.banyan.search.tasks.TaskSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated math policy and PRM on GSM8K's real model solutions (skipped where the shared data is absent). */
class SimulatedMathModelsTest {
    private static final Path SOLUTIONS = Path.of("..", "..", "shared", "data", "gsm8k", "model_solutions-0-899.jsonl");
    private static final String JANET = "Janet\u2019s ducks lay 16 eggs per day.";
    private static Policy policy;
    private static StepScorer prm;
    private static List<String> questions;

    @BeforeAll
    static void load() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SOLUTIONS), SOLUTIONS + " absent: skipped");
        TaskProvider math = TaskRegistry.named("math");
        TaskSettings tunables = TaskSettings.of("test", Map.of("solutions", SOLUTIONS.toAbsolutePath().toString()));
        policy = math.simulatedPolicy(tunables, Path.of("."));
        prm = math.simulatedPrm(tunables, Path.of("."));
        ObjectMapper json = new ObjectMapper();
        try (var lines = Files.lines(SOLUTIONS)) {
            questions = lines.limit(60).map(line -> {
                try {
                    return json.readTree(line).get("question").asText();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void proposalsAreRealStepsAtTheirIndex() {
        String question = questions.get(0);
        assertThat(question).startsWith(JANET);
        List<StepProposal> first = policy.propose(request(ReasoningPath.of(question), 20, false)).join();

        assertThat(first).hasSize(20).allSatisfy(p -> assertThat(p.text()).isNotBlank());
        assertThat(first).extracting(StepProposal::text).as("several solutions' first lines").hasSizeGreaterThan(1)
                .contains("Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.");
        assertThat(first).allSatisfy(p -> assertThat(p.logProb()).isLessThanOrEqualTo(0).isGreaterThan(-30));
    }

    @Test
    void greedyFollowsOneSolutionAndSeedsRepeat() {
        ReasoningPath start = ReasoningPath.of(questions.get(1));
        List<StepProposal> greedy = policy.propose(request(start, 3, true)).join();
        assertThat(greedy).extracting(StepProposal::text).containsOnly(greedy.get(0).text());
        assertThat(policy.propose(request(start, 5, false)).join())
                .isEqualTo(policy.propose(request(start, 5, false)).join());
    }

    @Test
    void thePrmRewardsTheReferenceNumbersAndTheRightAnswer() {
        ReasoningPath start = ReasoningPath.of(questions.get(0));
        List<Double> scores = prm.score(List.of(
                start.extend("Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day."),
                start.extend("She has 16 - 3 = <<16-3=13>>13 eggs left"),
                start.extend("She thinks about it."),
                start.extend("A: 18"),
                start.extend("A: 26"))).join().stream().map(s -> s.value()).toList();

        assertThat(scores.get(0)).isEqualTo(SimulatedMathPrm.ALL_AGREE);
        assertThat(scores.get(1)).isEqualTo(SimulatedMathPrm.NONE_AGREE);
        assertThat(scores.get(2)).isEqualTo(SimulatedMathPrm.NEUTRAL);
        assertThat(scores.get(3)).isEqualTo(SimulatedMathPrm.RIGHT_ANSWER);
        assertThat(scores.get(4)).isEqualTo(SimulatedMathPrm.WRONG_ANSWER);
    }

    @Test
    void anUnknownQuestionFailsNamingTheFile() {
        assertThat(policy.propose(request(ReasoningPath.of("What is 2+2?"), 1, false)))
                .failsWithin(Duration.ofSeconds(1)).withThrowableThat()
                .withMessageContaining("model_solutions-0-899.jsonl").withMessageContaining("What is 2+2?");
        assertThatThrownBy(() -> TaskRegistry.named("math").simulatedPolicy(TaskSettings.empty("m/banyan.json: \"simulated\""),
                Path.of("."))).hasMessageContaining("m/banyan.json").hasMessageContaining("\"solutions\"");
    }

    @Test
    void mctsStarSolvesMoreThanGreedyAtEqualBudget() {
        Task task = new MathTask("{question}\n", "\n", 12);
        // As models/simulated-math ships it: no rollouts, terminals valued by their own (answer) score.
        AlgorithmSpec.MctsStar mcts = new AlgorithmSpec.MctsStar(0.4, 0.9, 3, 0, 3, 0.5, 0.9,
                AlgorithmSpec.AnswerMode.BEST_VALUE, 0.1, 12, false, false);
        int greedy = solved(task, new AlgorithmSpec.Greedy());
        int searched = solved(task, mcts);

        assertThat(searched).as("MCTS* %d against greedy %d of %d", searched, greedy, questions.size())
                .isGreaterThan(greedy + questions.size() / 10);
    }

    private int solved(Task task, AlgorithmSpec spec) {
        Budget budget = new Budget(800, Long.MAX_VALUE, Duration.ofSeconds(30));
        int solved = 0;
        try (Searcher searcher = Searcher.builder().task(task).policy(policy).stepScorer(prm).algorithm(spec)
                .budget(budget).maxStepTokens(96).build()) {
            for (String question : questions) {
                String gold = String.join("\n", SolutionBank.load(SOLUTIONS).of(question).groundTruth());
                SearchResult result = searcher.search(question, gold);
                solved += Boolean.TRUE.equals(result.verdict().asBoolean()) ? 1 : 0;
            }
        }
        return solved;
    }

    private static StepRequest request(ReasoningPath path, int count, boolean greedy) {
        return new StepRequest(path, path.question(), List.of("\n"), count, greedy, 7, 96);
    }
}
