package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Game24PuzzlesTest {
    private static final String HEADER = "Rank,Puzzles,AMT (s),Solved rate,1-sigma Mean (s),1-sigma STD (s)\n";

    @Test
    void theBuiltInSetIsEverySolvableMultisetOfOneToThirteen() {
        List<Puzzle> all = Game24Puzzles.all();
        assertThat(all).hasSize(1362);
        assertThat(all).extracting(Puzzle::rank).isEqualTo(IntStream.rangeClosed(1, 1362).boxed().toList());
        assertThat(all).extracting(Puzzle::numbers).doesNotHaveDuplicates();
        Game24Solver solver = new Game24Solver();
        for (Puzzle puzzle : all) {
            assertThat(puzzle.numbers()).hasSize(4).isSorted().allSatisfy(n -> assertThat(n).isBetween(1, 13));
            assertThat(Game24Task.inputNumbers(puzzle.question())).isEqualTo(puzzle.fractions());
            assertThat(solver.solvable(puzzle.fractions())).as(puzzle.question()).isTrue();
        }
        // The other multisets are all unsolvable, by the solver and by its brute-force twin.
        Set<List<Integer>> enumerated = all.stream().map(Puzzle::numbers).collect(Collectors.toSet());
        List<List<Integer>> left = Game24Enumeration.multisets().stream().filter(m -> !enumerated.contains(m)).toList();
        assertThat(Game24Enumeration.multisets()).hasSize(1820).doesNotHaveDuplicates();
        assertThat(left).hasSize(1820 - 1362);
        for (List<Integer> numbers : left) {
            List<Fraction> fractions = numbers.stream().map(Fraction::of).toList();
            assertThat(solver.solvable(fractions)).as(numbers.toString()).isFalse();
            assertThat(BruteForce.solvable(fractions)).as(numbers.toString()).isFalse();
        }
    }

    @Test
    void ranksByMoreSolutionPathsThenNoFractionsNeededThenTheNumbers() {
        List<Puzzle> all = Game24Puzzles.all();
        Game24Enumeration enumeration = new Game24Enumeration();
        for (int i = 1; i < all.size(); i++) {
            Game24Enumeration.Difficulty before = enumeration.difficulty(all.get(i - 1).numbers());
            Game24Enumeration.Difficulty after = enumeration.difficulty(all.get(i).numbers());
            String pair = all.get(i - 1).question() + " then " + all.get(i).question();
            assertThat(before.paths()).as(pair).isGreaterThanOrEqualTo(after.paths());
            if (before.paths() == after.paths()) {
                assertThat(!before.needsFractions() || after.needsFractions()).as(pair).isTrue();
                if (before.needsFractions() == after.needsFractions()) {
                    assertThat(lexicographicallyBefore(all.get(i - 1).numbers(), all.get(i).numbers())).as(pair).isTrue();
                }
            }
        }
        assertThat(all.get(0).question()).isEqualTo("1 4 8 12");
        assertThat(enumeration.difficulty(List.of(1, 4, 8, 12))).isEqualTo(new Game24Enumeration.Difficulty(115, 71));
        assertThat(all.get(1361).question()).isEqualTo("5 7 7 11");
        // 8 / (3 - 8/3): one path, through a fraction; the order is the same whatever order the numbers come in.
        assertThat(enumeration.difficulty(List.of(8, 3, 8, 3))).isEqualTo(new Game24Enumeration.Difficulty(1, 0));
        // Sixteen puzzles need a fraction: 1 4 5 6 has two paths, the others one, so they close the list.
        List<Puzzle> needFractions = all.stream().filter(p -> enumeration.difficulty(p.numbers()).needsFractions()).toList();
        assertThat(needFractions).hasSize(16).first().extracting(Puzzle::question).isEqualTo("1 4 5 6");
        assertThat(needFractions.subList(1, 16)).extracting(Puzzle::rank)
                .isEqualTo(IntStream.rangeClosed(1348, 1362).boxed().toList());
    }

    @Test
    void theOrderIsTheSameOnEveryComputation() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        List<Puzzle> again = Game24Enumeration.rankAll();
        System.out.printf("enumerated and ranked %d puzzles in %.0f ms (%.0f ms of this thread's CPU time)%n", again.size(),
                (System.nanoTime() - start) / 1e6, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6);
        assertThat(again).isEqualTo(Game24Puzzles.all());
        assertThat(Game24Puzzles.all()).isSameAs(Game24Puzzles.all());
    }

    @Test
    void solutionPathsAgreeWithWalkingTheListedSteps() {
        // The slow twin: every step Moves.nonNegative lists, followed to the end, no shortcuts.
        Game24Enumeration enumeration = new Game24Enumeration();
        Map<List<Fraction>, long[]> seen = new HashMap<>();
        for (List<Integer> numbers : Game24Enumeration.multisets()) {
            long[] walked = walk(numbers.stream().map(Fraction::of).toList(), seen);
            assertThat(enumeration.difficulty(numbers)).as(numbers.toString())
                    .isEqualTo(new Game24Enumeration.Difficulty(walked[0], walked[1]));
        }
    }

    @Test
    void holdsEveryTreeOfThoughtsPuzzle() {
        List<Puzzle> tot = TotPuzzles.all();
        assertThat(tot).hasSize(900);
        Set<List<Integer>> enumerated = Game24Puzzles.all().stream().map(Puzzle::numbers).collect(Collectors.toSet());
        Set<List<Integer>> seen = new HashSet<>();
        for (Puzzle puzzle : tot) {
            List<Integer> sorted = puzzle.numbers().stream().sorted().toList();
            assertThat(enumerated).as(puzzle.question()).contains(sorted);
            assertThat(seen.add(sorted)).as(puzzle.question()).isTrue();
        }
        assertThat(TotPuzzles.range(1, 1)).singleElement().extracting(Puzzle::question).isEqualTo("1 1 4 6");
        assertThat(TotPuzzles.range(900, 900)).singleElement().extracting(Puzzle::question).isEqualTo("1 3 3 11");
    }

    @Test
    void selectsARangeOfRanks() {
        List<Puzzle> range = Game24Puzzles.range(10, 19);
        assertThat(range).extracting(Puzzle::rank).isEqualTo(IntStream.rangeClosed(10, 19).boxed().toList());
        assertThat(range).isEqualTo(Game24Puzzles.all().subList(9, 19));
        assertThat(Game24Puzzles.range(1362, 1362)).singleElement().extracting(Puzzle::question).isEqualTo("5 7 7 11");
    }

    @Test
    void refusesRanksItDoesNotHold() {
        assertThatThrownBy(() -> Game24Puzzles.range(1300, 1400))
                .hasMessage("ranks 1300 to 1400 are not all in the built-in Game of 24 set (it holds 1362 puzzles, ranks 1 to 1362)");
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

    /**
     * {@code {paths, integerPaths}} of {@code numbers}, by following every listed step; what it finds for
     * the multisets of two or three numbers is kept in {@code seen} (sorted, as {@link Step#remaining()} is).
     */
    private static long[] walk(List<Fraction> numbers, Map<List<Fraction>, long[]> seen) {
        if (numbers.size() == 1) {
            return numbers.get(0).equals(Fraction.of(24)) ? new long[] {1, 1} : new long[] {0, 0};
        }
        if (numbers.size() < 4 && seen.containsKey(numbers)) {
            return seen.get(numbers);
        }
        long[] counts = new long[2];
        for (Step step : Moves.nonNegative(numbers)) {
            long[] after = walk(step.remaining(), seen);
            counts[0] += after[0];
            counts[1] += step.result().isInteger() ? after[1] : 0;
        }
        if (numbers.size() < 4) {
            seen.put(numbers, counts);
        }
        return counts;
    }

    private static boolean lexicographicallyBefore(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return a.get(i) < b.get(i);
            }
        }
        return false;
    }

    private static void assertMalformed(String body, String message) {
        assertThatThrownBy(() -> parse(HEADER + body)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    private static List<Puzzle> parse(String text) throws IOException {
        return Game24Puzzles.parse(new BufferedReader(new StringReader(text)), "test.csv");
    }
}
