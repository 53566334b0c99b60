package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.OutcomeVerifier;
import dev.banyan.search.Policy;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.StepProposal;
import dev.banyan.search.Task;
import dev.banyan.search.TreeNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Equivalent answers pool their votes through the task's answer key; an end-of-sequence step ends its path. */
class AnswerKeyTest {
    private static final Budget ROOMY = new Budget(Long.MAX_VALUE, 1000, Duration.ofSeconds(60));

    /** The scripted task with {@code 3}, {@code 3.0} and {@code 3.00} as one answer. */
    private static Task numericKeys(Task scripted) {
        return new Task() {
            public String name() {
                return scripted.name();
            }

            public String render(ReasoningPath path) {
                return scripted.render(path);
            }

            public String stepDelimiter() {
                return scripted.stepDelimiter();
            }

            public boolean isTerminal(ReasoningPath path) {
                return scripted.isTerminal(path);
            }

            public Optional<String> extractAnswer(ReasoningPath path) {
                return scripted.extractAnswer(path);
            }

            public String answerKey(String answer) {
                return new BigDecimal(answer).stripTrailingZeros().toPlainString();
            }

            public int maxSteps() {
                return scripted.maxSteps();
            }

            public OutcomeVerifier verifier() {
                return scripted.verifier();
            }
        };
    }

    private static SearchResult search(Task task, Policy policy, ScriptedWorld world, AlgorithmSpec spec) {
        try (Searcher searcher = Searcher.builder().task(task).policy(policy).stepScorer(world.scorer())
                .algorithm(spec).budget(ROOMY).build()) {
            return searcher.search("q", null);
        }
    }

    @Test
    void equivalentAnswersPoolTheirVotes() {
        ScriptedWorld world = ScriptedWorld.answers("5", "3.0", "3", "7", "5", "3.00");

        SearchResult byText = search(world.task(), world.policy(), world, new AlgorithmSpec.SelfConsistency(6));
        ScriptedWorld again = ScriptedWorld.answers("5", "3.0", "3", "7", "5", "3.00");
        SearchResult byKey = search(numericKeys(again.task()), again.policy(), again, new AlgorithmSpec.SelfConsistency(6));

        assertThat(byText.answer()).as("as strings, 5 has the most votes").contains("5");
        assertThat(byKey.answer()).as("the first wording of the winning answer").contains("3.0");
        assertThat(byKey.tree().root().value()).as("agreement counts every wording of 3").isEqualTo(0.5);
    }

    @Test
    void aStepThePolicyEndsWithEndOfSequenceIsTerminal() {
        ScriptedWorld world = new ScriptedWorld(List.of(List.of(new ScriptedWorld.Step("thinking", 1),
                new ScriptedWorld.Step("= 4", 1))));
        Policy endsAtOnce = request -> CompletableFuture.completedFuture(
                List.of(new StepProposal("thinking", 1, -1, true)));

        SearchResult result = search(world.task(), endsAtOnce, world, new AlgorithmSpec.Greedy());

        TreeNode end = result.tree().root().children().get(0);
        assertThat(end.step()).isEqualTo("thinking");
        assertThat(end.isTerminal()).isTrue();
        assertThat(end.children()).isEmpty();
        assertThat(result.answer()).isEmpty();
    }
}
