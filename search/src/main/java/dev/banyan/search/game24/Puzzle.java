package dev.banyan.search.game24;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One puzzle of the Tree of Thoughts set.
 *
 * @param rank its rank by how long people took to solve it (1 is the easiest)
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
