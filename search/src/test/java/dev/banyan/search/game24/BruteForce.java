package dev.banyan.search.game24;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The slow, obvious twin of {@link Game24Solver}: every expression tree over the numbers, built by splitting
 * the multiset into two non-empty parts in every way, and the set of values they take.
 */
final class BruteForce {
    private static final Fraction TWENTY_FOUR = Fraction.of(24);

    private BruteForce() {
    }

    static boolean solvable(List<Fraction> numbers) {
        return !numbers.isEmpty() && values(numbers).contains(TWENTY_FOUR);
    }

    /** Every value of every expression using each number exactly once. */
    static Set<Fraction> values(List<Fraction> numbers) {
        Set<Fraction> values = new HashSet<>();
        int n = numbers.size();
        if (n == 1) {
            values.add(numbers.get(0));
            return values;
        }
        for (int mask = 1; mask < (1 << n) - 1; mask++) {
            List<Fraction> left = new ArrayList<>();
            List<Fraction> right = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ((mask & (1 << i)) != 0 ? left : right).add(numbers.get(i));
            }
            Set<Fraction> rightValues = values(right);
            for (Fraction a : values(left)) {
                for (Fraction b : rightValues) {
                    values.add(a.plus(b));
                    values.add(a.minus(b));
                    values.add(a.times(b));
                    if (!b.isZero()) {
                        values.add(a.dividedBy(b));
                    }
                }
            }
        }
        return values;
    }
}
