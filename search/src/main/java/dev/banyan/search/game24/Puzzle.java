package dev.banyan.search.game24;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One Game of 24 puzzle, from the built-in set or a file in the Tree of Thoughts format
 * ({@link Game24Puzzles}).
 *
 * @param rank its rank in its list, 1 the easiest: by the solution paths of the built-in set's ordering, or
 *     by how long people took to solve it in a Tree of Thoughts file
 * @param numbers the four numbers, as listed
 * @param question the numbers joined by spaces, e.g. {@code 4 9 10 13}: the question a search is given
 */
public record Puzzle(int rank, List<Integer> numbers, String question) {
    public Puzzle {
        numbers = List.copyOf(numbers);
        Objects.requireNonNull(question, "question");
    }

    /** The puzzle with its question written from the numbers. */
    public static Puzzle of(int rank, List<Integer> numbers) {
        return new Puzzle(rank, numbers, numbers.stream().map(String::valueOf).collect(Collectors.joining(" ")));
    }

    /** The numbers as fractions, for {@link Game24Solver}. */
    public List<Fraction> fractions() {
        return numbers.stream().map(Fraction::of).toList();
    }
}
