package dev.banyan.search.game24;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Game of 24 puzzles: the built-in set, and files in the format of Tree of Thoughts.
 *
 * <p><b>The built-in set</b> ({@link #all}, {@link #range(int, int)}) is Banyan's own enumeration of every
 * multiset of four numbers from 1 to 13 that can make 24: 1,362 of the 1,820 multisets. It is computed on
 * first use (once per process, in about a fifth of a second) and ranked from 1, easiest first, by:
 * <ol>
 *   <li>more <em>solution paths</em> first: the sequences of three steps in the format
 *       {@code 13 - 9 = 4 (left: 4 4 10)} that end at 24, counting {@code 8 + 3} and {@code 3 + 8} as one
 *       step, either of two equal numbers as one, and no step that writes a negative number (none is ever
 *       needed). A puzzle with many such paths is one a search stumbles on easily; {@code 1 4 8 12} has 115,
 *       and 159 puzzles have only one;</li>
 *   <li>then those that can be solved without fractions before those that cannot: 16 puzzles, such as
 *       {@code 3 3 8 8} ({@code 8 / (3 - 8/3)}), need a fraction on every path;</li>
 *   <li>then by the numbers, in ascending order, compared lexicographically (so {@code 1 1 3 8} before
 *       {@code 1 1 4 6}), which makes the order total and the same on every run.</li>
 * </ol>
 * Each puzzle's numbers are listed in ascending order. So rank 1 is {@code 1 4 8 12} and rank 1,362 is
 * {@code 5 7 7 11}.
 *
 * <p><b>Tree of Thoughts' list</b> (Yao et al., 2023; princeton-nlp/tree-of-thought-llm,
 * {@code src/tot/data/24/24.csv}) ranks the same 1,362 multisets by the time people took to solve them; the
 * paper evaluates on its ranks 901–1000. Banyan does not ship it: {@link #load} reads a file in its format,
 * and {@link #range(List, int, int, String)} picks ranks from what was read.
 */
public final class Game24Puzzles {
    /** How {@link #range(int, int)} names the built-in set in its messages. */
    static final String BUILT_IN = "the built-in Game of 24 set";
    private static final String HEADER = "Rank,Puzzles";

    private Game24Puzzles() {
    }

    /** Every puzzle of the built-in set, by rank (1 to 1,362). */
    public static List<Puzzle> all() {
        return BuiltIn.PUZZLES;
    }

    /** The puzzles of the built-in set of ranks {@code fromRank} to {@code toRank}, both included. */
    public static List<Puzzle> range(int fromRank, int toRank) {
        return range(all(), fromRank, toRank, BUILT_IN);
    }

    /** The puzzles of ranks {@code fromRank} to {@code toRank}, both included, from {@code puzzles}. */
    public static List<Puzzle> range(List<Puzzle> puzzles, int fromRank, int toRank, String source) {
        if (fromRank < 1 || toRank < fromRank) {
            throw new IllegalArgumentException("expected 1 <= fromRank <= toRank, got ranks " + fromRank + " to " + toRank);
        }
        List<Puzzle> chosen = puzzles.stream().filter(p -> p.rank() >= fromRank && p.rank() <= toRank).toList();
        if (chosen.size() != toRank - fromRank + 1) {
            throw new IllegalArgumentException("ranks " + fromRank + " to " + toRank + " are not all in " + source
                    + " (it holds " + puzzles.size() + " puzzles"
                    + (puzzles.isEmpty() ? "" : ", ranks " + puzzles.get(0).rank() + " to " + puzzles.get(puzzles.size() - 1).rank())
                    + ")");
        }
        return chosen;
    }

    /** Reads a puzzle file in the Tree of Thoughts format, e.g. its full list of 1,362 puzzles. */
    public static List<Puzzle> load(Path csv) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return parse(reader, csv.toString());
        }
    }

    /**
     * Reads {@code Rank,Puzzles,...} lines after the header. Throws {@link IllegalArgumentException} naming
     * {@code source} and the line when a line is malformed or the ranks are not increasing.
     */
    static List<Puzzle> parse(BufferedReader reader, String source) throws IOException {
        String header = reader.readLine();
        if (header == null || !header.startsWith(HEADER)) {
            throw new IllegalArgumentException(source + " line 1: expected the header '" + HEADER + ",...', found "
                    + (header == null ? "an empty file" : "'" + header + "'"));
        }
        List<Puzzle> puzzles = new ArrayList<>();
        int lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Puzzle puzzle = parseLine(line, source, lineNumber);
            if (!puzzles.isEmpty() && puzzle.rank() <= puzzles.get(puzzles.size() - 1).rank()) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": rank " + puzzle.rank()
                        + " does not follow rank " + puzzles.get(puzzles.size() - 1).rank() + " (ranks must increase)");
            }
            puzzles.add(puzzle);
        }
        return List.copyOf(puzzles);
    }

    private static Puzzle parseLine(String line, String source, int lineNumber) {
        String[] fields = line.split(",", -1);
        String where = source + " line " + lineNumber + ": ";
        if (fields.length < 2) {
            throw new IllegalArgumentException(where + "expected 'rank,numbers,...', found '" + line + "'");
        }
        int rank;
        try {
            rank = Integer.parseInt(fields[0].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "expected a rank (a positive integer), found '" + fields[0] + "'", e);
        }
        if (rank < 1) {
            throw new IllegalArgumentException(where + "expected a positive rank, found " + rank);
        }
        String[] words = fields[1].strip().split("\\s+");
        List<Integer> numbers = new ArrayList<>(4);
        for (String word : words) {
            try {
                numbers.add(Integer.parseInt(word));
            } catch (NumberFormatException e) {
                numbers.clear();
                break;
            }
        }
        if (numbers.size() != 4 || numbers.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException(where + "expected four positive integers separated by spaces, found '"
                    + fields[1] + "'");
        }
        return Puzzle.of(rank, numbers);
    }

    /** Computed on first use. */
    private static final class BuiltIn {
        static final List<Puzzle> PUZZLES = Game24Enumeration.rankAll();
    }
}
