package dev.banyan.search.game24;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Game of 24 puzzles of Tree of Thoughts (Yao et al., 2023; princeton-nlp/tree-of-thought-llm,
 * {@code src/tot/data/24/24.csv}, MIT License, Copyright (c) 2023 Shunyu Yao), ranks 1 to 900, bundled as
 * {@code puzzles-1-900.csv}. Ranks order the puzzles by the time people took to solve them, easiest first;
 * the paper evaluates on ranks 901–1000, which {@link #load} reads from the full file when it is at hand.
 */
public final class Game24Puzzles {
    static final String BUNDLED = "puzzles-1-900.csv";
    private static final String HEADER = "Rank,Puzzles";

    private Game24Puzzles() {
    }

    /** Every bundled puzzle, by rank. */
    public static List<Puzzle> all() {
        return Bundled.PUZZLES;
    }

    /** The bundled puzzles of ranks {@code fromRank} to {@code toRank}, both included. */
    public static List<Puzzle> range(int fromRank, int toRank) {
        return range(all(), fromRank, toRank, BUNDLED);
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

    /** Reads a puzzle file in the Tree of Thoughts format, e.g. the full list of 1,362 puzzles. */
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

    /** Loaded on first use. */
    private static final class Bundled {
        static final List<Puzzle> PUZZLES = loadBundled();

        private static List<Puzzle> loadBundled() {
            InputStream in = Game24Puzzles.class.getResourceAsStream(BUNDLED);
            if (in == null) {
                throw new IllegalStateException("the bundled resource " + BUNDLED + " is missing from the classpath");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return parse(reader, BUNDLED);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled " + BUNDLED, e);
            }
        }
    }
}
