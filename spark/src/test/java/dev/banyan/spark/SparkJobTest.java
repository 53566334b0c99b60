package dev.banyan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.api.records.JsonRecords;
import dev.banyan.cli.Main;
import dev.banyan.search.tasks.Problem;
import dev.banyan.search.tasks.TaskRegistry;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job in {@code local[2]} against its oracle, the single-machine {@code banyan run} with one search thread and
 * the same seed, over 40 Game-of-24 puzzles with the demo model ({@code models/game24}).
 *
 * <p>Compared: every field of every results line, except those that depend on timing or on what else shared the
 * engine ({@link #NOT_REPRODUCIBLE}: the wall time and the engine counters); and every record of every export file,
 * as a multiset (the job writes them in another order). Strings, booleans, whole numbers (tokens, simulations,
 * nodes, node ids, visits) and structure must be equal; floating-point numbers (values, PRM scores,
 * log-probabilities, targets) within {@link SameRecords#TOLERANCE}, for the reason given there. Each test starts
 * with fresh engines, as a new executor would: {@code prmTokens} counts only the tokens the PRM ran, so a problem
 * searched before by the same engine (its scores cached) would report fewer.
 */
class SparkJobTest {
    /** Stats that differ between two runs of the same search: wall time, and the shared engines' counters. */
    static final List<String> NOT_REPRODUCIBLE = List.of("wallMillis", "kvReusedTokens", "kvRecomputedTokens",
            "valueCacheHits", "policyPasses", "policyRowsPerPass", "prmPasses", "prmRowsPerPass", "prmKvReusedTokens");
    private static final Path ROOT = Path.of(System.getProperty("banyan.root", "..")).toAbsolutePath().normalize();
    private static final String MODEL = ROOT.resolve("models/game24").toString();
    private static final long SEED = 7;
    private static final long BUDGET = 300;
    private static final List<String> EXPORTS = List.of("trees", "sft", "prm", "dpo");

    @TempDir
    static Path work;
    static SparkSession spark;
    static List<Problem> puzzles;
    static Path input;
    /** The single-machine run's output folder: out.jsonl and export/{trees,sft,prm,dpo}.jsonl, once written. */
    private static CompletableFuture<Path> oracle;

    /**
     * Starts the single-machine run in the background (its own engines; it shares nothing with the job but the
     * CPUs), then the Spark session.
     */
    @BeforeAll
    static void startTheOracleAndSpark() throws IOException {
        puzzles = TaskRegistry.builtInData("game24:1-40").orElseThrow();
        input = work.resolve("puzzles.jsonl");
        List<String> lines = new ArrayList<>();
        for (Problem puzzle : puzzles) {
            lines.add(JsonRecords.line(Map.of("id", puzzle.id(), "question", puzzle.question())));
        }
        Files.write(input, lines);
        Path folder = work.resolve("reference");
        oracle = CompletableFuture.supplyAsync(() -> {
            StringWriter err = new StringWriter();
            int code = Main.execute(new String[] {"run", "--model", MODEL, "--input", input.toString(),
                    "--output", folder.resolve("out.jsonl").toString(),
                    "--export-dir", folder.resolve("export").toString(),
                    "--budget-tokens", String.valueOf(BUDGET), "--seed", String.valueOf(SEED), "--threads", "1"},
                    new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertThat(code).as(err.toString()).isZero();
            return folder;
        });
        spark = SparkSession.builder().master("local[2]").appName("banyan-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2") // a few hundred lines: no need for 200 tasks
                .getOrCreate();
    }

    /** The single-machine run's output folder, waiting for it to finish. */
    private static Path reference() {
        return oracle.orTimeout(5, TimeUnit.MINUTES).join();
    }

    @AfterAll
    static void stopSpark() {
        JournalWriter.crash = null;
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void theJobWritesWhatTheSingleMachineRunWrites() throws IOException {
        Path out = work.resolve("job");
        Engines.closeAll(); // a fresh executor: no engine of an earlier test, nor its caches

        JobSummary summary = job(input.toString(), out).partitions(4).build().run(spark);

        assertThat(summary.searched()).isEqualTo(40);
        assertThat(summary.inOutput()).isEqualTo(40);
        assertSameAsReference(out, Set.of());
    }

    /**
     * A task dies between a problem's export records and the end of its results line, as a killed executor leaves
     * it; the job fails. Run again, the job searches exactly the problems without a whole results line, and its
     * output equals the uninterrupted run's: nothing twice, the dead task's half line and its orphaned export
     * records gone. A problem whose search fails is a failed line, not a failed job. Parquet in and out, on the
     * first 12 of the puzzles.
     */
    @Test
    void aJobKilledMidwayIsFinishedByTheNextRunWithExactlyTheRest() throws IOException {
        Path problems = work.resolve("puzzles.parquet");
        List<Row> rows = new ArrayList<>();
        for (Problem puzzle : puzzles.subList(0, 12)) {
            rows.add(RowFactory.create(puzzle.id(), puzzle.question(), null));
        }
        rows.add(RowFactory.create("bad-1", "1 2 3", null));
        spark.createDataFrame(rows, ProblemInput.SCHEMA).coalesce(1).write().parquet(problems.toString());
        Path out = work.resolve("killed");
        Engines.closeAll();

        JournalWriter.crash = new JournalWriter.Crash(0, 1);
        try {
            assertThatThrownBy(() -> job(problems.toString(), out).partitions(2).build().run(spark))
                    .hasStackTraceContaining("simulated crash of partition 0 after 1 problems");
        } finally {
            JournalWriter.crash = null;
        }
        awaitNoTaskRunning();
        Engines.closeAll(); // the killed executor's engine, and its caches, died with it
        Set<String> doneBefore = journaledIds(out);
        assertThat(doneBefore).hasSizeBetween(1, 12);
        Path cut = partialResultsFile(out);
        assertThat(lineCount(out.resolve("_journal/trees").resolve(cut.getFileName()))).isEqualTo(2);

        JobSummary rerun = job(problems.toString(), out).partitions(2).format(BanyanJob.Format.PARQUET)
                .build().run(spark);

        assertThat(rerun.alreadyDone()).isEqualTo(doneBefore.size());
        assertThat(rerun.searched()).isEqualTo(13 - doneBefore.size());
        assertThat(rerun.inOutput()).isEqualTo(13);
        assertThat(rerun.failedInOutput()).isEqualTo(1);
        assertThat(journaledIds(out)).hasSize(13);
        Set<String> ids = new java.util.HashSet<>();
        puzzles.subList(0, 12).forEach(puzzle -> ids.add(puzzle.id()));
        List<String> results = parquetLines(out.resolve("results"));
        String failed = results.stream().filter(line -> idOf(line).equals("bad-1")).findFirst().orElseThrow();
        assertThat(JsonRecords.MAPPER.readTree(failed).get("error").asText()).isNotBlank();
        results.remove(failed);
        SameRecords.assertSame("results", withoutNulls(reproducible(results)),
                withoutNulls(reproducible(only(ids, linesOf(reference().resolve("out.jsonl"))))));
        for (String export : EXPORTS) {
            SameRecords.assertSame(export, withoutNulls(parquetLines(out.resolve("export").resolve(export))),
                    withoutNulls(only(ids, linesOf(reference().resolve("export").resolve(export + ".jsonl")))));
        }
    }

    @Test
    void aBadInputFailsNamingWhatIsWrongBeforeWritingAnything() throws IOException {
        Path math = work.resolve("math.jsonl");
        Files.writeString(math, "{\"id\": \"m1\", \"problem\": \"1 2 3 4\"}\n");
        Path twice = work.resolve("twice.jsonl");
        Files.writeString(twice, "{\"id\": \"p1\", \"question\": \"1 2 3 4\"}\n{\"id\": \"p1\", \"question\": \"4 3 2 1\"}\n");
        Path out = work.resolve("never");

        assertThatThrownBy(() -> job(math.toString(), out).build().run(spark))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column \"question\"")
                .hasMessageContaining("\"id\", \"problem\"")
                .hasMessageContaining("--question-field");
        assertThatThrownBy(() -> job(twice.toString(), out).build().run(spark))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 ids appear more than once, e.g. \"p1\" (2 rows)");
        assertThat(out).doesNotExist();
    }

    private static BanyanJob.Builder job(String problems, Path out) {
        return BanyanJob.builder().input(problems).output(out.toString()).model(MODEL)
                .budgetTokens(BUDGET).seed(SEED).threads(1);
    }

    /**
     * The job's JSON Lines output equals the reference, but for {@link #NOT_REPRODUCIBLE}, the float32 noise
     * {@link SameRecords} allows, and the ids {@code extra} (which the reference does not have).
     */
    private static void assertSameAsReference(Path out, Set<String> extra) throws IOException {
        List<String> results = linesUnder(out.resolve("results"));
        assertThat(results.stream().map(SparkJobTest::idOf).distinct().count()).as("distinct ids")
                .isEqualTo(results.size());
        results.removeIf(line -> extra.contains(idOf(line)));
        SameRecords.assertSame("results", reproducible(results), reproducible(linesOf(reference().resolve("out.jsonl"))));
        for (String export : EXPORTS) {
            List<String> written = linesUnder(out.resolve("export").resolve(export));
            written.removeIf(line -> extra.contains(idOf(line)));
            SameRecords.assertSame(export, written, linesOf(reference().resolve("export").resolve(export + ".jsonl")));
        }
    }

    /** Results lines without the fields that are not reproducible. */
    private static List<String> reproducible(List<String> lines) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            ObjectNode record = (ObjectNode) JsonRecords.MAPPER.readTree(line);
            if (record.get("stats") instanceof ObjectNode stats) {
                stats.remove(NOT_REPRODUCIBLE);
            }
            kept.add(record.toString());
        }
        return kept;
    }

    /** A Parquet output's rows as JSON lines (Spark leaves out null fields), without the bucket column. */
    private static List<String> parquetLines(Path folder) {
        return new ArrayList<>(spark.read().parquet(folder.toString()).drop("bucket").toJSON().collectAsList());
    }

    /** The lines of the problems {@code ids}. */
    private static List<String> only(Set<String> ids, List<String> lines) {
        return new ArrayList<>(lines.stream().filter(line -> ids.contains(idOf(line))).toList());
    }

    /** The lines without their null fields, at any depth (nulls inside arrays stay). */
    private static List<String> withoutNulls(List<String> lines) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            JsonNode record = JsonRecords.MAPPER.readTree(line);
            dropNullFields(record);
            kept.add(record.toString());
        }
        return kept;
    }

    private static void dropNullFields(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getValue().isNull());
        }
        node.forEach(SparkJobTest::dropNullFields);
    }

    private static String idOf(String line) {
        try {
            return JsonRecords.MAPPER.readTree(line).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids with a whole line in the results journal. */
    private static Set<String> journaledIds(Path out) throws IOException {
        Set<String> ids = new java.util.HashSet<>();
        for (Path file : files(out.resolve("_journal/results"))) {
            String text = Files.readString(file);
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (!line.isBlank()) {
                    assertThat(ids.add(idOf(line))).as("a second line for " + idOf(line)).isTrue();
                }
            }
        }
        return ids;
    }

    /** The one results journal file whose last line was cut off. */
    private static Path partialResultsFile(Path out) throws IOException {
        List<Path> cut = new ArrayList<>();
        for (Path file : files(out.resolve("_journal/results"))) {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                cut.add(file);
            }
        }
        assertThat(cut).hasSize(1);
        return cut.get(0);
    }

    private static long lineCount(Path file) throws IOException {
        return linesOf(file).size();
    }

    /** Killed tasks of a failed job stop at their next check; wait for them before the next run. */
    private static void awaitNoTaskRunning() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Arrays.stream(spark.sparkContext().statusTracker().getExecutorInfos())
                .mapToInt(SparkExecutorInfo::numRunningTasks).sum() > 0) {
            assertThat(System.nanoTime()).as("tasks still running a minute after the job failed").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> linesUnder(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files(folder)) {
            lines.addAll(linesOf(file));
        }
        return lines;
    }

    private static List<String> linesOf(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.removeIf(String::isBlank);
        return lines;
    }

    /** The data files under {@code folder}, at any depth, without Spark's and Hadoop's hidden ones. */
    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(".")
                            && !file.getFileName().toString().startsWith("_"))
                    .sorted().toList();
        }
    }
}
