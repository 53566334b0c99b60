package dev.banyan.search.game24;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every solvable puzzle of four numbers from 1 to 13, ranked easiest first; what {@link Game24Puzzles#all()}
 * holds. See {@link Game24Puzzles} for the ordering.
 *
 * <p>A puzzle's {@link Difficulty} counts its <em>solution paths</em>: sequences of three steps, each one of
 * {@link Moves#nonNegative} from the numbers left (so {@code 8 + 3} and {@code 3 + 8} are one step, taking
 * either of two equal numbers is one step, and no step writes a negative number), ending at exactly 24.
 * Negative steps are left out because they are never needed here: every multiset of four numbers from 1 to 13
 * that {@link Game24Solver} can solve has a path without them (the tests check it). The counts of every multiset of three numbers met on the way are memoised for one
 * enumeration.
 */
final class Game24Enumeration {
    static final int LOWEST = 1;
    static final int HIGHEST = 13;

    /** The order of {@link Game24Puzzles}: more paths first, then no fractions needed, then the numbers. */
    static final Comparator<Ranked> EASIEST_FIRST = Comparator
            .comparingLong((Ranked r) -> -r.difficulty().paths())
            .thenComparing(r -> r.difficulty().needsFractions())
            .thenComparing(Ranked::numbers, Game24Enumeration::compareNumbers);

    /**
     * How hard a puzzle is.
     *
     * @param paths its solution paths (0: it cannot make 24)
     * @param integerPaths those whose every step writes an integer
     */
    record Difficulty(long paths, long integerPaths) {
        /** Whether every solution path passes through a fraction, as {@code 8 / (3 - 8/3)} does. */
        boolean needsFractions() {
            return integerPaths == 0;
        }
    }

    /** A solvable multiset, its numbers in ascending order, before it has a rank. */
    record Ranked(List<Integer> numbers, Difficulty difficulty) {
    }

    private static final Difficulty NO_PATH = new Difficulty(0, 0);
    private static final Difficulty ONE_PATH = new Difficulty(1, 1);

    /** The counts of every multiset of three numbers met so far. */
    private final Map<Key, Difficulty> memo = new HashMap<>();

    /** Every solvable multiset of four numbers from 1 to 13, easiest first, ranked from 1. */
    static List<Puzzle> rankAll() {
        Game24Enumeration enumeration = new Game24Enumeration();
        List<Ranked> solvable = new ArrayList<>();
        for (List<Integer> numbers : multisets()) {
            Difficulty difficulty = enumeration.difficulty(numbers);
            if (difficulty.paths() > 0) {
                solvable.add(new Ranked(numbers, difficulty));
            }
        }
        solvable.sort(EASIEST_FIRST);
        List<Puzzle> puzzles = new ArrayList<>(solvable.size());
        for (Ranked ranked : solvable) {
            puzzles.add(Puzzle.of(puzzles.size() + 1, ranked.numbers()));
        }
        return List.copyOf(puzzles);
    }

    /** All 1,820 multisets of four numbers from 1 to 13, each in ascending order, in lexicographic order. */
    static List<List<Integer>> multisets() {
        List<List<Integer>> multisets = new ArrayList<>(1820);
        for (int a = LOWEST; a <= HIGHEST; a++) {
            for (int b = a; b <= HIGHEST; b++) {
                for (int c = b; c <= HIGHEST; c++) {
                    for (int d = c; d <= HIGHEST; d++) {
                        multisets.add(List.of(a, b, c, d));
                    }
                }
            }
        }
        return multisets;
    }

    /** The difficulty of {@code numbers} (in any order). */
    Difficulty difficulty(List<Integer> numbers) {
        Fraction[] sorted = new Fraction[numbers.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = Fraction.of(numbers.get(i));
        }
        Arrays.sort(sorted);
        return count(sorted);
    }

    /**
     * The counts for {@code sorted} (ascending, none negative). Walks the steps {@link Moves#nonNegative}
     * lists without building them: each pair of distinct values once, then {@code l + s}, {@code l - s},
     * {@code l * s}, {@code l / s} and {@code s / l}, the last unless {@code s = l} (the same step) and neither
     * divides by zero; {@code s - l} is negative or, when {@code s = l}, the same step as {@code l - s}.
     */
    private Difficulty count(Fraction[] sorted) {
        int n = sorted.length;
        if (n == 1) {
            return sorted[0].equals(Game24Verifier.TARGET) ? ONE_PATH : NO_PATH;
        }
        if (n == 2) {
            return lastStep(sorted[0], sorted[1]);
        }
        Key key = n == 3 ? new Key(sorted[0], sorted[1], sorted[2]) : null;
        if (key != null) {
            Difficulty known = memo.get(key);
            if (known != null) {
                return known;
            }
        }
        long paths = 0;
        long integerPaths = 0;
        Fraction[] results = new Fraction[5];
        for (int i = 0; i < n; i++) {
            if (i > 0 && sorted[i].equals(sorted[i - 1])) {
                continue; // the same pairs as the equal number before
            }
            for (int j = i + 1; j < n; j++) {
                if (j > i + 1 && sorted[j].equals(sorted[j - 1])) {
                    continue;
                }
                Fraction small = sorted[i];
                Fraction large = sorted[j];
                int made = 0;
                results[made++] = large.plus(small);
                results[made++] = large.minus(small);
                results[made++] = large.times(small);
                if (!small.isZero()) {
                    results[made++] = large.dividedBy(small);
                }
                if (!large.isZero() && !small.equals(large)) {
                    results[made++] = small.dividedBy(large);
                }
                for (int r = 0; r < made; r++) {
                    Difficulty after = count(withResult(sorted, i, j, results[r]));
                    paths += after.paths();
                    if (results[r].isInteger()) {
                        integerPaths += after.integerPaths();
                    }
                }
            }
        }
        Difficulty difficulty = paths == 0 ? NO_PATH : new Difficulty(paths, integerPaths);
        if (key != null) {
            memo.put(key, difficulty);
        }
        return difficulty;
    }

    /**
     * The counts for two numbers, {@code small <= large}: the steps among those above that make 24, by
     * cross-multiplying (no fraction is built, and the products of the small numbers met here stay far
     * from overflow).
     */
    private static Difficulty lastStep(Fraction small, Fraction large) {
        long a = small.numerator();
        long b = small.denominator();
        long c = large.numerator();
        long d = large.denominator();
        long target = 24 * b * d;
        int ways = (c * b + a * d == target ? 1 : 0)
                + (c * b - a * d == target ? 1 : 0)
                + (a * c == target ? 1 : 0)
                + (a != 0 && c * b == 24 * d * a ? 1 : 0)
                + (c != 0 && !small.equals(large) && a * d == 24 * b * c ? 1 : 0);
        return ways == 0 ? NO_PATH : ways == 1 ? ONE_PATH : new Difficulty(ways, ways);
    }

    /** {@code sorted} without its numbers at {@code i} and {@code j}, with {@code result}, still ascending. */
    private static Fraction[] withResult(Fraction[] sorted, int i, int j, Fraction result) {
        Fraction[] next = new Fraction[sorted.length - 1];
        int k = 0;
        boolean placed = false;
        for (int m = 0; m < sorted.length; m++) {
            if (m == i || m == j) {
                continue;
            }
            if (!placed && result.compareTo(sorted[m]) <= 0) {
                next[k++] = result;
                placed = true;
            }
            next[k++] = sorted[m];
        }
        if (!placed) {
            next[k] = result;
        }
        return next;
    }

    /** A multiset of three numbers, ascending. */
    private record Key(Fraction a, Fraction b, Fraction c) {
    }

    private static int compareNumbers(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
