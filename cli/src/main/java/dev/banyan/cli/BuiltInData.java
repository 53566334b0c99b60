package dev.banyan.cli;

import dev.banyan.search.game24.Game24Puzzles;
import dev.banyan.search.game24.Puzzle;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data sets built into the command line, named in place of an input file: {@code game24:FROM-TO} is the
 * Tree-of-Thoughts Game of 24 puzzles of ranks FROM to TO (1 to 900), with ids {@code game24-RANK}, and
 * {@code game24} alone is all of them. Game of 24 answers are checked exactly, so no expected answer is given.
 */
final class BuiltInData {
    private static final String GAME24 = "game24";
    private static final Pattern RANKS = Pattern.compile("game24(?::(\\d+)-(\\d+))?");

    private BuiltInData() {
    }

    static boolean isBuiltIn(String input) {
        return input.equals(GAME24) || input.startsWith(GAME24 + ":");
    }

    static List<Problem> load(String input) {
        Matcher matcher = RANKS.matcher(input);
        if (!matcher.matches()) {
            throw new UserError("built-in data set '" + input + "' is not of the form game24:FROM-TO, e.g. game24:1-900");
        }
        List<Puzzle> puzzles;
        try {
            puzzles = matcher.group(1) == null ? Game24Puzzles.all()
                    : Game24Puzzles.range(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        } catch (IllegalArgumentException e) {
            throw new UserError("built-in data set '" + input + "': " + e.getMessage());
        }
        return puzzles.stream().map(puzzle -> new Problem(GAME24 + "-" + puzzle.rank(), puzzle.question(), null)).toList();
    }
}
