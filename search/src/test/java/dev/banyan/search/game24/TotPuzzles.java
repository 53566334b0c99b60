package dev.banyan.search.game24;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tree of Thoughts' puzzles of ranks 1 to 900, for the tests pinned to its ranks. Banyan does not ship the
 * list: it is read from the shared data folder beside the clone, {@code ../shared/data/game24/puzzles-1-900.csv}
 * from the project root, and a test that asks for it is skipped where that file is absent.
 */
public final class TotPuzzles {
    /** The project root is the {@code banyan.root} property that Surefire sets, else the module's parent. */
    static final Path FILE = Path.of(System.getProperty("banyan.root", ".."))
            .resolve("../shared/data/game24/puzzles-1-900.csv").normalize();

    private static List<Puzzle> loaded;

    private TotPuzzles() {
    }

    /** Ranks 1 to 900, in order; skips the calling test when the shared file is absent. */
    public static synchronized List<Puzzle> all() {
        assumeTrue(Files.isRegularFile(FILE), "Tree of Thoughts puzzles " + FILE + " absent: skipped");
        if (loaded == null) {
            try {
                loaded = Game24Puzzles.load(FILE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    /** Ranks {@code fromRank} to {@code toRank}, both included; skips the calling test when the file is absent. */
    public static List<Puzzle> range(int fromRank, int toRank) {
        return Game24Puzzles.range(all(), fromRank, toRank, FILE.toString());
    }
}
