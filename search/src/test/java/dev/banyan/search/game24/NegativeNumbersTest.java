package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A question with a negative number is judged the same way end to end: the answer parser reads a negative
 * number where an operand goes, the verifier matches it with the question's, the solver's answers pass.
 * Before, the right answer to {@code -1 2 3 4} was judged wrong, and that verdict became a training label.
 */
class NegativeNumbersTest {
    private final Game24Task task = new Game24Task();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-1 2 3 4 | Answer: (4 + 2) * (3 - (-1)) = 24 |",
            "-1 2 3 4 | Answer: (4 + 2) * (3 - -1) = 24 |",
            "-1 2 3 4 | Answer: (-1 + 3) * 4 * 3 = 24 | WRONG",
            "-2 -3 4 1 | Answer: (-2) * (-3) * 4 * 1 = 24 |",
    })
    void aRightAnswerWithANegativeNumberIsCorrect(String question, String answer, String expected) {
        Verdict verdict = task.verifier().verify(ReasoningPath.of(question).extend(answer), null);

        assertThat(verdict).isEqualTo(expected == null ? Verdict.CORRECT : Verdict.valueOf(expected));
    }

    @Test
    void aMinusBeforeAParenthesisDoesNotInventANumber() {
        assertThat(task.verifier().verify(ReasoningPath.of("1 2 3 4").extend("Answer: -(1 - 2 - 3) * 4 = 24"), null))
                .isEqualTo(Verdict.WRONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1 2 3 4", "-2 -3 4 1", "-4 -6 1 1"})
    void theSolversAnswerToANegativeQuestionIsJudgedCorrect(String question) {
        List<String> steps = Game24Solver.shared().solve(Game24Task.inputNumbers(question)).orElseThrow();

        ReasoningPath path = ReasoningPath.of(question);
        for (String step : steps) {
            path = path.extend(step);
        }
        assertThat(task.verifier().verify(path, null)).as(steps.toString()).isEqualTo(Verdict.CORRECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 2 3", "1 2 3 4 5", "1/2 3 4 5", "1 2 3 10001", "", "a b c d"})
    void aQuestionThatIsNotFourIntegersIsRefused(String question) {
        assertThatThrownBy(() -> task.checkQuestion(question)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed question");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4 9 10 13", "-1 2 3 4", "  1 1 4 6 ", "10000 -10000 1 1"})
    void fourIntegersAreAccepted(String question) {
        task.checkQuestion(question);
    }
}
