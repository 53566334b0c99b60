package dev.banyan.search.math;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Task;
import dev.banyan.search.Verdict;
import dev.banyan.search.tasks.TaskRegistry;
import dev.banyan.search.tasks.TaskSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MathTaskTest {
    private static final String GSM8K_GOLD = "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\n"
            + "She makes 9 * 2 = $<<9*2=18>>18 every day at the farmer's market.\n#### 18";
    private final Task task = TaskRegistry.task("math");

    @Test
    void theDefaultsRenderThePlainTemplateWithBlankLineSteps() {
        ReasoningPath path = ReasoningPath.of("What is 1+1?").extend("1+1 = 2.").extend("The answer is 2.");

        assertThat(task.stepDelimiter()).isEqualTo("\n\n");
        assertThat(task.render(path)).isEqualTo("Question: What is 1+1?\nAnswer:\n1+1 = 2.\n\nThe answer is 2.\n\n");
    }

    @Test
    void renderingIsPrefixStable() {
        Task gsm = new MathTask("Q: {question}\n", "\n", 8);
        ReasoningPath path = ReasoningPath.of("q");
        for (String step : List.of("a = 1", "b = <<1+1=2>>2", "A: 2")) {
            String before = gsm.render(path);
            path = path.extend(step);
            assertThat(gsm.render(path)).isEqualTo(before + step + "\n");
        }
    }

    @Test
    void aStepStatingAFinalAnswerEndsThePath() {
        ReasoningPath start = ReasoningPath.of("q");
        for (String last : List.of("So the answer is $\\boxed{\\frac{1}{2}}$.", "The answer is 18.", "#### 18", "A: 18",
                "Final Answer: The final answer is 18. I hope it is correct.")) {
            ReasoningPath path = start.extend("Some work: 9 * 2 = 18").extend(last);
            assertThat(task.isTerminal(path)).as(last).isTrue();
            assertThat(task.extractAnswer(path)).as(last).isPresent();
        }
        assertThat(task.isTerminal(start.extend("9 * 2 = 18"))).isFalse();
        assertThat(task.extractAnswer(start)).isEmpty();
    }

    @Test
    void theStepLimitEndsThePath() {
        Task short2 = new MathTask("{question}", "\n", 2);
        assertThat(short2.isTerminal(ReasoningPath.of("q").extend("a").extend("b"))).isTrue();
        assertThat(short2.maxSteps()).isEqualTo(2);
    }

    @Test
    void equivalentAnswersShareAKey() {
        assertThat(task.answerKey("18")).isEqualTo(task.answerKey("18.00")).isEqualTo(task.answerKey("\\$18"))
                .isEqualTo(task.answerKey("\\boxed{18}"));
        assertThat(task.answerKey("18")).isNotEqualTo(task.answerKey("81"));
    }

    @Test
    void theVerifierReadsTheExpectedAnswerFromAWorkedSolution() {
        ReasoningPath right = ReasoningPath.of("q").extend("She makes 9 * 2 = $18.").extend("The answer is $18.00.");
        ReasoningPath wrong = ReasoningPath.of("q").extend("A: 26");
        ReasoningPath none = ReasoningPath.of("q").extend("She makes 18 dollars");

        assertThat(task.verifier().verify(right, GSM8K_GOLD)).isEqualTo(Verdict.CORRECT);
        assertThat(task.verifier().verify(right, "18")).isEqualTo(Verdict.CORRECT);
        assertThat(task.verifier().verify(wrong, GSM8K_GOLD)).isEqualTo(Verdict.WRONG);
        assertThat(task.verifier().verify(none, GSM8K_GOLD)).isEqualTo(Verdict.WRONG);
        assertThat(task.verifier().verify(right, null)).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void settingsConfigureTheTask() {
        Task gsm = TaskRegistry.named("math").create(TaskSettings.of("banyan.json",
                Map.of("promptTemplate", "<q>{question}</q>\n", "stepDelimiter", "\n", "maxSteps", 5)));

        assertThat(gsm.render(ReasoningPath.of("x").extend("y"))).isEqualTo("<q>x</q>\ny\n");
        assertThat(gsm.maxSteps()).isEqualTo(5);
        assertThatThrownBy(() -> TaskRegistry.named("math").create(TaskSettings.of("banyan.json",
                Map.of("promptTemplate", "no placeholder"))))
                .hasMessageContaining("banyan.json").hasMessageContaining("{question}");
    }
}
