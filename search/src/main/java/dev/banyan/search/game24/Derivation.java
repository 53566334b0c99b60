package dev.banyan.search.game24;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers left after some steps, each with the expression over the input numbers that produced it.
 * A number's value is what the steps <em>wrote</em> (a slip included); its expression's value is the true
 * one, so an answer rebuilt from a slipped path shows its real, wrong value. Immutable.
 */
final class Derivation {
    private final List<Fraction> numbers;
    private final List<Expression> expressions;

    private Derivation(List<Fraction> numbers, List<Expression> expressions) {
        this.numbers = numbers;
        this.expressions = expressions;
    }

    static Derivation start(List<Fraction> inputs) {
        List<Expression> expressions = new ArrayList<>(inputs.size());
        for (Fraction input : inputs) {
            expressions.add(new Expression.Number(input));
        }
        return new Derivation(List.copyOf(inputs), List.copyOf(expressions));
    }

    /**
     * The derivation after {@code step}: its operands (matched by value; any of equal numbers will do,
     * since each still stands for its own inputs) replaced by its written result. Throws
     * {@link IllegalArgumentException} when an operand is not among the numbers. The step's {@code left:}
     * list is not consulted.
     */
    Derivation after(Step step) {
        int first = numbers.indexOf(step.first());
        int second = first < 0 ? -1 : indexOf(step.second(), first);
        if (second < 0) {
            throw new IllegalArgumentException("step '" + step.format() + "' uses a number that is not among "
                    + numbers + " (each number may be used once)");
        }
        List<Fraction> nextNumbers = Moves.without(numbers, first, second);
        nextNumbers.add(step.result());
        List<Expression> nextExpressions = new ArrayList<>(expressions.size() - 1);
        for (int k = 0; k < expressions.size(); k++) {
            if (k != first && k != second) {
                nextExpressions.add(expressions.get(k));
            }
        }
        nextExpressions.add(new Expression.Binary(expressions.get(first), step.operator(), expressions.get(second)));
        return new Derivation(List.copyOf(nextNumbers), List.copyOf(nextExpressions));
    }

    private int indexOf(Fraction value, int skipping) {
        for (int k = 0; k < numbers.size(); k++) {
            if (k != skipping && numbers.get(k).equals(value)) {
                return k;
            }
        }
        return -1;
    }

    /** The numbers left, as written. */
    List<Fraction> numbers() {
        return numbers;
    }

    /** The expression of the one number left; throws unless exactly one is. */
    Expression onlyExpression() {
        if (expressions.size() != 1) {
            throw new IllegalStateException("expected one number left, have " + numbers);
        }
        return expressions.get(0);
    }
}
