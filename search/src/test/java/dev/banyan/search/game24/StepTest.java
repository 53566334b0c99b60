package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepTest {

    @Test
    void readsTheTreeOfThoughtsFormat() {
        Step step = Step.parse("13 - 9 = 4 (left: 4 4 10)");
        assertThat(step.first()).isEqualTo(Fraction.of(13));
        assertThat(step.operator()).isEqualTo(Operator.MINUS);
        assertThat(step.second()).isEqualTo(Fraction.of(9));
        assertThat(step.result()).isEqualTo(Fraction.of(4));
        assertThat(step.remaining()).containsExactly(Fraction.of(4), Fraction.of(4), Fraction.of(10));
        assertThat(step.isArithmeticRight()).isTrue();
    }

    @Test
    void readsFractionsAndNegativeNumbers() {
        Step step = Step.parse("1 / 3 = 1/3 (left: 8 1/3 4)");
        assertThat(step.result()).isEqualTo(Fraction.of(1, 3));
        assertThat(step.remaining()).containsExactly(Fraction.of(1, 3), Fraction.of(4), Fraction.of(8));
        assertThat(step.format()).isEqualTo("1 / 3 = 1/3 (left: 1/3 4 8)");

        Step negative = Step.parse("2 - -3 = 5 (left: -1 5)");
        assertThat(negative.second()).isEqualTo(Fraction.of(-3));
        assertThat(negative.remaining()).containsExactly(Fraction.of(-1), Fraction.of(5));
    }

    @Test
    void toleratesSpacingAndOrdersTheNumbersLeft() {
        Step step = Step.parse("  4*6=24 ( left : 24 )  ");
        assertThat(step.format()).isEqualTo("4 * 6 = 24 (left: 24)");
        assertThat(Step.parse("10 + 2 = 12 (left: 12 1 3)").format()).isEqualTo("10 + 2 = 12 (left: 1 3 12)");
    }

    @Test
    void formatThenParseIsTheIdentity() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            List<Fraction> remaining = new ArrayList<>();
            for (int k = random.nextInt(0, 4); k > 0; k--) {
                remaining.add(randomNumber(random));
            }
            Step step = new Step(randomNumber(random), Operator.values()[random.nextInt(4)], randomNumber(random),
                    randomNumber(random), remaining);
            assertThat(Step.parse(step.format())).isEqualTo(step);
            assertThat(Step.parse(step.format()).format()).isEqualTo(step.format());
        }
    }

    @Test
    void knowsAWrongResult() {
        assertThat(Step.parse("13 - 9 = 5 (left: 4 5 10)").isArithmeticRight()).isFalse();
        assertThat(Step.parse("4 / 0 = 0 (left: 0)").isArithmeticRight()).isFalse();
        assertThat(Step.parse("8 / 3 = 8/3 (left: 8/3)").isArithmeticRight()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "13 9 = 4 (left: 4 4 10)        | an operator (+ - * /) at column 4",
            "13 - = 4 (left: 4 4 10)        | the second operand",
            "13 - 9 4 (left: 4 4 10)        | '=' after the second operand at column 8",
            "13 - 9 = (left: 4 4 10)        | the result after '='",
            "13 - 9 = 4 left: 4 4 10        | '(left: ...)' after the result at column 12",
            "13 - 9 = 4 (4 4 10)            | 'left:' after '('",
            "13 - 9 = 4 (left 4 4 10)       | ':' after 'left'",
            "13 - 9 = 4 (left: 4 4 10       | ')' closing the left: list",
            "13 - 9 = 4 (left: 4 x 10)      | a number left or ')' (an integer such as 7 or a fraction such as 1/3) at column 21",
            "13 - 9 = 4 (left: 4 4 10) ok   | the end of the step after ')'",
            "13 - 9 = 4.5 (left: 4 4 10)    | '(left: ...)' after the result",
            "Answer: (13 - 9) * (10 - 4) = 24 | the first operand",
            "4 / 0 = 1/0 (left: 1)          | a number that fits in 64 bits with a non-zero denominator",
    })
    void saysWhatIsWrongWithAMalformedStep(String text, String expected) {
        assertThatThrownBy(() -> Step.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed step '" + text + "': expected ")
                .hasMessageContaining(expected);
    }

    @Test
    void anEmptyStepIsMalformed() {
        assertThatThrownBy(() -> Step.parse(""))
                .hasMessageContaining("expected the first operand")
                .hasMessageContaining("found the end of the text");
    }

    private static Fraction randomNumber(SplittableRandom random) {
        return random.nextBoolean() ? Fraction.of(random.nextInt(-20, 30)) : Fraction.of(random.nextInt(-20, 30), random.nextInt(1, 9));
    }
}
