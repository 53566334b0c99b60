package dev.banyan.search.game24;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps that can be taken from a multiset of numbers: two of them, an operator, the right result. Each
 * distinct step once, in a canonical order that depends only on the multiset, so that seeded choices among
 * them are reproducible.
 */
final class Moves {
    private Moves() {
    }

    /**
     * Every step whose result is not negative: {@code a + b}, {@code a - b} (the larger first),
     * {@code a * b} and both divisions by a non-zero number. Never empty for two numbers or more, since
     * the larger minus the smaller always qualifies.
     */
    static List<Step> nonNegative(List<Fraction> numbers) {
        List<Step> steps = new ArrayList<>();
        for (Step step : candidates(numbers)) {
            if (step.result().signum() >= 0) {
                steps.add(step);
            }
        }
        return steps;
    }

    /** Every step, the smaller minus the larger included; those with a non-negative result come first. */
    static List<Step> all(List<Fraction> numbers) {
        List<Step> steps = new ArrayList<>(candidates(numbers));
        steps.sort(Comparator.comparing(step -> step.result().signum() < 0));
        return steps;
    }

    private static Set<Step> candidates(List<Fraction> numbers) {
        List<Fraction> sorted = new ArrayList<>(numbers);
        sorted.sort(null);
        Set<Step> steps = new LinkedHashSet<>();
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                Fraction small = sorted.get(i);
                Fraction large = sorted.get(j);
                List<Fraction> others = without(sorted, i, j);
                add(steps, large, Operator.PLUS, small, others);
                add(steps, large, Operator.MINUS, small, others);
                add(steps, large, Operator.TIMES, small, others);
                add(steps, large, Operator.DIVIDE, small, others);
                add(steps, small, Operator.DIVIDE, large, others);
                add(steps, small, Operator.MINUS, large, others);
            }
        }
        return steps;
    }

    /** Adds the step unless it divides by zero or overflows, which no puzzle of small numbers ever does. */
    private static void add(Set<Step> steps, Fraction first, Operator operator, Fraction second, List<Fraction> others) {
        try {
            steps.add(Step.computed(first, operator, second, others));
        } catch (ArithmeticException divisionByZeroOrOverflow) {
            // not a legal step
        }
    }

    static List<Fraction> without(List<Fraction> numbers, int i, int j) {
        List<Fraction> others = new ArrayList<>(numbers.size() - 2);
        for (int k = 0; k < numbers.size(); k++) {
            if (k != i && k != j) {
                others.add(numbers.get(k));
            }
        }
        return others;
    }
}
