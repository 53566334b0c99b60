package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 + 2 * 3             | 7",
            "(1 + 2) * 3           | 9",
            "10 - 4 - 3            | 3",
            "24 / 4 / 2            | 3",
            "8 / (3 - 8 / 3)       | 24",
            "(13 - 9) * (10 - 4)   | 24",
            "1/3                   | 1/3",
            "((2))*((3+1))         | 8",
    })
    void evaluatesWithTheUsualPrecedence(String text, String value) {
        assertThat(Expression.parse(text).value()).isEqualTo(Fraction.parse(value));
    }

    @Test
    void listsTheNumbersItUses() {
        assertThat(Expression.parse("(13 - 9) * (10 - 4)").leaves())
                .containsExactly(Fraction.of(13), Fraction.of(9), Fraction.of(10), Fraction.of(4));
    }

    @Test
    void writesOnlyTheParenthesesThatMatter() {
        Expression oneTwo = binary(number(1), Operator.PLUS, number(2));
        assertThat(binary(binary(oneTwo, Operator.TIMES, number(3)), Operator.PLUS, number(4)).format())
                .isEqualTo("(1 + 2) * 3 + 4");
        assertThat(binary(number(5), Operator.MINUS, binary(number(4), Operator.MINUS, number(3))).format())
                .isEqualTo("5 - (4 - 3)");
        assertThat(binary(number(5), Operator.PLUS, binary(number(4), Operator.MINUS, number(3))).format())
                .isEqualTo("5 + 4 - 3");
        assertThat(binary(number(8), Operator.DIVIDE, binary(number(3), Operator.MINUS,
                binary(number(8), Operator.DIVIDE, number(3)))).format()).isEqualTo("8 / (3 - 8 / 3)");
        assertThat(binary(number(8), Operator.DIVIDE, binary(number(4), Operator.TIMES, number(2))).format())
                .isEqualTo("8 / (4 * 2)");
        assertThat(new Expression.Number(Fraction.of(1, 3)).format()).isEqualTo("(1/3)");
    }

    @Test
    void formattedTreesParseBackToTheSameValueAndNumbers() {
        SplittableRandom random = new SplittableRandom(5);
        int checked = 0;
        for (int i = 0; i < 2000; i++) {
            Expression tree = randomTree(random, 4);
            Fraction value;
            try {
                value = tree.value();
            } catch (ArithmeticException divisionByZero) {
                continue;
            }
            Expression reread = Expression.parse(tree.format());
            assertThat(reread.value()).as(tree.format()).isEqualTo(value);
            assertThat(reread.leaves()).isEqualTo(tree.leaves());
            checked++;
        }
        assertThat(checked).isGreaterThan(1500);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "(13 - 9) * (10 - 4    | ')' at column 19",
            "13 - 9)               | an operator or the end of the expression at column 7",
            "13 - * 9              | a number or '(' at column 6",
            "+3 + 27               | a number or '(' at column 1",
            "-(3 + 27)             | a number or '(' at column 1",
            "4.5 * 6               | an operator or the end of the expression at column 2",
            "''                    | a number or '('",
    })
    void saysWhatIsWrongWithAMalformedExpression(String text, String expected) {
        assertThatThrownBy(() -> Expression.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed expression")
                .hasMessageContaining("expected " + expected);
    }

    private static Expression randomTree(SplittableRandom random, int leaves) {
        if (leaves == 1) {
            return number(random.nextInt(0, 14));
        }
        int split = random.nextInt(1, leaves);
        return binary(randomTree(random, split), Operator.values()[random.nextInt(4)], randomTree(random, leaves - split));
    }

    private static Expression number(long n) {
        return new Expression.Number(Fraction.of(n));
    }

    private static Expression binary(Expression left, Operator operator, Expression right) {
        return new Expression.Binary(left, operator, right);
    }
}
