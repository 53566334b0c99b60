package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.banyan.search.ReasoningPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class Game24TaskTest {
    private final Game24Task task = new Game24Task();
    private final ReasoningPath start = ReasoningPath.of("4 9 10 13");
    private final List<String> solution = List.of("13 - 9 = 4 (left: 4 4 10)", "10 - 4 = 6 (left: 4 6)",
            "4 * 6 = 24 (left: 24)", "Answer: (13 - 9) * (10 - 4) = 24");

    @Test
    void describesItself() {
        assertThat(task.name()).isEqualTo("game24");
        assertThat(task.stepDelimiter()).isEqualTo("\n");
        assertThat(task.stopStrings()).containsExactly("\n");
        assertThat(task.maxSteps()).isEqualTo(4);
    }

    @Test
    void rendersThePromptPrefixStably() {
        assertThat(task.render(start)).isEqualTo("Input: 4 9 10 13\nSteps:\n");
        ReasoningPath path = start;
        for (String step : solution) {
            String before = task.render(path);
            path = path.extend(step);
            assertThat(task.render(path)).isEqualTo(before + step + task.stepDelimiter());
        }
        assertThat(task.render(path)).isEqualTo("Input: 4 9 10 13\nSteps:\n" + String.join("\n", solution) + "\n");
    }

    @Test
    void isFinishedByAnAnswerLineOrByLength() {
        ReasoningPath path = start;
        for (String step : solution.subList(0, 3)) {
            path = path.extend(step);
            assertThat(task.isTerminal(path)).isFalse();
            assertThat(task.extractAnswer(path)).isEmpty();
        }
        ReasoningPath answered = path.extend(solution.get(3));
        assertThat(task.isTerminal(answered)).isTrue();
        assertThat(task.extractAnswer(answered)).contains("(13 - 9) * (10 - 4) = 24");
        assertThat(task.isTerminal(start.extend("Answer: 4 * 9 - 10 - 13 = 13"))).isTrue();
        assertThat(task.isTerminal(start)).isFalse();
        ReasoningPath rambling = ReasoningPath.of("4 9 10 13", List.of("hm", "hm", "hm", "hm"));
        assertThat(task.isTerminal(rambling)).isTrue();
        assertThat(task.extractAnswer(rambling)).isEmpty();
    }

    @Test
    void tellsTheNumbersLeft() {
        assertThat(task.numbersLeft(ReasoningPath.of("13 4 10 9")))
                .containsExactly(Fraction.of(4), Fraction.of(9), Fraction.of(10), Fraction.of(13));
        assertThat(task.numbersLeft(start.extend(solution.get(0))))
                .containsExactly(Fraction.of(4), Fraction.of(4), Fraction.of(10));
        assertThat(task.numbersLeft(start.extend("4 / 9 = 4/9 (left: 13 10 4/9)")))
                .containsExactly(Fraction.of(4, 9), Fraction.of(10), Fraction.of(13));
        assertThat(task.numbersLeft(ReasoningPath.of("4 9 10 13", solution))).isEmpty();
        assertThatThrownBy(() -> task.numbersLeft(start.extend("13 minus 9")))
                .hasMessageContaining("malformed step '13 minus 9'");
    }

    @Test
    void readsTheQuestionsNumbers() {
        assertThat(Game24Task.inputNumbers(" 4  9 10 13 "))
                .containsExactly(Fraction.of(4), Fraction.of(9), Fraction.of(10), Fraction.of(13));
        assertThatThrownBy(() -> Game24Task.inputNumbers("  ")).hasMessageContaining("malformed question");
        assertThatThrownBy(() -> Game24Task.inputNumbers("4 9 ten 13"))
                .hasMessageContaining("malformed question '4 9 ten 13'").hasMessageContaining("not a number: 'ten'");
    }
}
