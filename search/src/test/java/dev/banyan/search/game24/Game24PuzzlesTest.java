package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Game24PuzzlesTest {
    private static final String HEADER = "Rank,Puzzles,AMT (s),Solved rate,1-sigma Mean (s),1-sigma STD (s)\n";

    @Test
    void bundlesRanksOneTo900() {
        List<Puzzle> all = Game24Puzzles.all();
        assertThat(all).hasSize(900);
        assertThat(all).extracting(Puzzle::rank).isEqualTo(IntStream.rangeClosed(1, 900).boxed().toList());
        assertThat(all.get(0)).isEqualTo(new Puzzle(1, List.of(1, 1, 4, 6), "1 1 4 6"));
        assertThat(all.get(899).question()).isEqualTo("1 3 3 11");
        for (Puzzle puzzle : all) {
            assertThat(puzzle.numbers()).hasSize(4).allSatisfy(n -> assertThat(n).isBetween(1, 13));
            assertThat(Game24Task.inputNumbers(puzzle.question())).isEqualTo(puzzle.fractions());
        }
    }

    @Test
    void selectsARangeOfRanks() {
        List<Puzzle> range = Game24Puzzles.range(10, 19);
        assertThat(range).extracting(Puzzle::rank).isEqualTo(IntStream.rangeClosed(10, 19).boxed().toList());
        assertThat(Game24Puzzles.range(900, 900)).singleElement().extracting(Puzzle::question).isEqualTo("1 3 3 11");
    }

    @Test
    void refusesRanksItDoesNotHold() {
        assertThatThrownBy(() -> Game24Puzzles.range(901, 1000))
                .hasMessageContaining("ranks 901 to 1000 are not all in puzzles-1-900.csv")
                .hasMessageContaining("ranks 1 to 900");
        assertThatThrownBy(() -> Game24Puzzles.range(0, 5)).hasMessageContaining("1 <= fromRank <= toRank");
        assertThatThrownBy(() -> Game24Puzzles.range(5, 4)).hasMessageContaining("1 <= fromRank <= toRank");
    }

    @Test
    void loadsAFileInTheSameFormat(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("24.csv");
        Files.writeString(csv, HEADER + "901,1 2 3 4,1,1%,1,1\n902,5 5 5 1,1,1%,1,1\n");
        List<Puzzle> puzzles = Game24Puzzles.load(csv);
        assertThat(puzzles).containsExactly(Puzzle.of(901, List.of(1, 2, 3, 4)), Puzzle.of(902, List.of(5, 5, 5, 1)));
        assertThat(Game24Puzzles.range(puzzles, 902, 902, csv.toString())).containsExactly(puzzles.get(1));
    }

    @Test
    void namesTheFileAndLineOfAMalformedLine() {
        assertMalformed("1,1 1 4 6,4.4\n2,1 1 11,4.4\n", "test.csv line 3: expected four positive integers separated by spaces, found '1 1 11'");
        assertMalformed("1,1 1 4 6,4.4\nx,1 1 4 6\n", "test.csv line 3: expected a rank (a positive integer), found 'x'");
        assertMalformed("1,1 1 4 six\n", "test.csv line 2: expected four positive integers");
        assertMalformed("1,1 1 0 6\n", "test.csv line 2: expected four positive integers");
        assertMalformed("1;1 1 4 6\n", "test.csv line 2: expected 'rank,numbers,...'");
        assertMalformed("2,1 1 4 6\n\n1,1 1 3 8\n", "test.csv line 4: rank 1 does not follow rank 2");
        assertThatThrownBy(() -> parse("1,1 1 4 6\n"))
                .hasMessage("test.csv line 1: expected the header 'Rank,Puzzles,...', found '1,1 1 4 6'");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("found an empty file");
    }

    private static void assertMalformed(String body, String message) {
        assertThatThrownBy(() -> parse(HEADER + body)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    private static List<Puzzle> parse(String text) throws IOException {
        return Game24Puzzles.parse(new BufferedReader(new StringReader(text)), "test.csv");
    }
}
