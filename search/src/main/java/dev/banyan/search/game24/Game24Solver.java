package dev.banyan.search.game24;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether numbers can still make exactly 24, each used once, with {@code + - * /} in rational
 * arithmetic; and finds a solution in the step format of Tree of Thoughts.
 *
 * <p>{@link #solvable} searches every pair and every operation (both orders of {@code -} and {@code /},
 * negative intermediates included), and memoises the answer for every multiset of three numbers or more
 * under a canonical sorted key. The simulated reward model asks it about millions of states in a benchmark;
 * every state reachable from all 1,820 multisets of four numbers from 1 to 13 makes about ten thousand keys,
 * so after warm-up each question is a sort and a hash lookup (well under a microsecond). Thread-safe; the
 * memo only grows.
 */
public final class Game24Solver {
    private static final Game24Solver SHARED = new Game24Solver();

    /** Any total order will do for a canonical key; this one needs no cross-multiplication. */
    private static final Comparator<Fraction> KEY_ORDER =
            Comparator.comparingLong(Fraction::numerator).thenComparingLong(Fraction::denominator);

    private final ConcurrentHashMap<Key, Boolean> memo = new ConcurrentHashMap<>();

    /** One solver for the whole process: its memo is a cache of a pure function, safe to share. */
    public static Game24Solver shared() {
        return SHARED;
    }

    /** Whether {@code numbers} (a multiset; order does not matter) can still make exactly 24. */
    public boolean solvable(Collection<Fraction> numbers) {
        return solvable(numbers.toArray(new Fraction[0]));
    }

    /**
     * One solution: each step in the format {@code 13 - 9 = 4 (left: 4 4 10)}, then the answer line
     * {@code Answer: (13 - 9) * (10 - 4) = 24}; empty when the numbers cannot make 24. Steps with
     * non-negative results are preferred.
     */
    public Optional<List<String>> solve(Collection<Fraction> numbers) {
        Derivation derivation = Derivation.start(List.copyOf(numbers));
        List<String> steps = new ArrayList<>();
        while (derivation.numbers().size() > 1) {
            Optional<Step> next = Moves.all(derivation.numbers()).stream()
                    .filter(step -> solvable(step.remaining()))
                    .findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            steps.add(next.get().format());
            derivation = derivation.after(next.get());
        }
        if (!solvable(derivation.numbers())) {
            return Optional.empty();
        }
        steps.add(AnswerLine.of(derivation.onlyExpression()));
        return Optional.of(List.copyOf(steps));
    }

    /** The number of multisets whose answer is memoised. */
    int memoised() {
        return memo.size();
    }

    /** {@code numbers} may be reordered. */
    private boolean solvable(Fraction[] numbers) {
        switch (numbers.length) {
            case 0:
                return false;
            case 1:
                return numbers[0].equals(Game24Verifier.TARGET);
            case 2:
                return reaches(numbers[0], numbers[1]);
            default:
                Arrays.sort(numbers, KEY_ORDER);
                Key key = new Key(numbers);
                Boolean known = memo.get(key);
                if (known == null) {
                    // computeIfAbsent would recurse into the map; racing threads merely compute the same value.
                    known = search(numbers);
                    memo.put(key, known);
                }
                return known;
        }
    }

    private boolean search(Fraction[] numbers) {
        int n = numbers.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Fraction[] rest = new Fraction[n - 1];
                int k = 0;
                for (int m = 0; m < n; m++) {
                    if (m != i && m != j) {
                        rest[k++] = numbers[m];
                    }
                }
                for (Fraction result : results(numbers[i], numbers[j])) {
                    Fraction[] next = rest.clone();
                    next[n - 2] = result;
                    if (solvable(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean reaches(Fraction a, Fraction b) {
        for (Fraction result : results(a, b)) {
            if (result.equals(Game24Verifier.TARGET)) {
                return true;
            }
        }
        return false;
    }

    /** Every value one operation makes of {@code a} and {@code b}: no division by zero, no overflow. */
    private static List<Fraction> results(Fraction a, Fraction b) {
        List<Fraction> results = new ArrayList<>(6);
        addIfDefined(results, a, Operator.PLUS, b);
        addIfDefined(results, a, Operator.MINUS, b);
        addIfDefined(results, b, Operator.MINUS, a);
        addIfDefined(results, a, Operator.TIMES, b);
        addIfDefined(results, a, Operator.DIVIDE, b);
        addIfDefined(results, b, Operator.DIVIDE, a);
        return results;
    }

    /** An overflow only arises far outside the puzzles' numbers; such a branch is treated as a dead end. */
    private static void addIfDefined(List<Fraction> results, Fraction a, Operator operator, Fraction b) {
        if (operator == Operator.DIVIDE && b.isZero()) {
            return;
        }
        try {
            results.add(operator.apply(a, b));
        } catch (ArithmeticException overflow) {
            // a dead end, see above
        }
    }

    /** A multiset of fractions in {@link #KEY_ORDER}, as numerator/denominator pairs. */
    private static final class Key {
        private final long[] parts;
        private final int hash;

        Key(Fraction[] sorted) {
            parts = new long[2 * sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                parts[2 * i] = sorted[i].numerator();
                parts[2 * i + 1] = sorted[i].denominator();
            }
            hash = Arrays.hashCode(parts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(parts, k.parts);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
