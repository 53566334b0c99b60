package dev.banyan.search.game24;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One arithmetic step in the format of Tree of Thoughts (Yao et al., 2023), e.g.
 * {@code 13 - 9 = 4 (left: 4 4 10)}: two numbers, an operator, the result written, and the numbers left
 * afterwards. Non-integers are written {@code 1/3} with no spaces, so {@code 1 / 3 = 1/3 (left: 1/3 4 8)}.
 *
 * <p>A step records what was <em>written</em>; {@link #isArithmeticRight()} says whether the result is
 * right, and whether {@code remaining} follows from the state before is for the reader of a whole path.
 *
 * @param remaining the numbers left, kept in ascending order (as Tree of Thoughts writes them)
 */
public record Step(Fraction first, Operator operator, Fraction second, Fraction result, List<Fraction> remaining) {

    public Step {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(result, "result");
        List<Fraction> sorted = new ArrayList<>(remaining);
        sorted.sort(null);
        remaining = List.copyOf(sorted);
    }

    /**
     * Reads a step; the numbers after {@code left:} may come in any order. Throws
     * {@link IllegalArgumentException} saying what was expected at which column.
     */
    public static Step parse(String text) {
        TextCursor cursor = new TextCursor(text, "step");
        cursor.skipSpaces();
        Fraction first = cursor.fraction("the first operand");
        cursor.skipSpaces();
        if (!Operator.isSymbol(cursor.peek())) {
            throw cursor.error("an operator (+ - * /)");
        }
        Operator operator = Operator.ofSymbol(cursor.next());
        cursor.skipSpaces();
        Fraction second = cursor.fraction("the second operand");
        cursor.skipSpaces();
        cursor.expect("=", "'=' after the second operand");
        cursor.skipSpaces();
        Fraction result = cursor.fraction("the result after '='");
        cursor.skipSpaces();
        cursor.expect("(", "'(left: ...)' after the result");
        cursor.skipSpaces();
        cursor.expect("left", "'left:' after '('");
        cursor.skipSpaces();
        cursor.expect(":", "':' after 'left'");
        List<Fraction> remaining = new ArrayList<>();
        while (true) {
            cursor.skipSpaces();
            if (cursor.consume(")")) {
                break;
            }
            if (cursor.atEnd()) {
                throw cursor.error("')' closing the left: list");
            }
            remaining.add(cursor.fraction("a number left or ')'"));
        }
        cursor.skipSpaces();
        if (!cursor.atEnd()) {
            throw cursor.error("the end of the step after ')'");
        }
        return new Step(first, operator, second, result, remaining);
    }

    /** The step that writes the right result of {@code first operator second}, leaving {@code others} and it. */
    static Step computed(Fraction first, Operator operator, Fraction second, List<Fraction> others) {
        return written(first, operator, second, operator.apply(first, second), others);
    }

    /** The step that writes {@code result}, right or not, leaving {@code others} and it. */
    static Step written(Fraction first, Operator operator, Fraction second, Fraction result, List<Fraction> others) {
        List<Fraction> remaining = new ArrayList<>(others);
        remaining.add(result);
        return new Step(first, operator, second, result, remaining);
    }

    /** Whether {@link #result} is the value of {@code first operator second} (false for a division by zero or an overflow). */
    public boolean isArithmeticRight() {
        try {
            return operator.apply(first, second).equals(result);
        } catch (ArithmeticException divisionByZeroOrOverflow) {
            return false;
        }
    }

    /** The text, e.g. {@code 13 - 9 = 4 (left: 4 4 10)}. */
    public String format() {
        return first + " " + operator.symbol() + " " + second + " = " + result + " (left: "
                + remaining.stream().map(Fraction::toString).collect(Collectors.joining(" ")) + ")";
    }

    @Override
    public String toString() {
        return format();
    }
}
