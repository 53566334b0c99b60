package dev.banyan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reliability issue's cases, each named after what went wrong: nothing lost, nothing silent. Each command
 * here failed silently, lost data or crashed before the fix.
 */
class ReliabilityTest {
    private static final int USAGE = 2;
    private static final int FAILED = 1;
    private static final String MODEL = Cli.SIMULATED.toString();

    @TempDir
    Path dir;

    // ---- 1. two runs on one output ----

    @Test
    void aSecondRunOnAnOutputInUseFailsNamingTheHolder() throws IOException {
        Path out = dir.resolve("o.jsonl");
        try (OutputLock held = OutputLock.onFile(out, "--output", "run")) {
            Cli.Result second = run("game24:1-2", out);

            assertThat(second.code()).isEqualTo(FAILED);
            assertThat(second.err()).contains("--output " + out).contains("is in use by another run")
                    .contains("pid " + ProcessHandle.current().pid()).doesNotContain("\tat ");
        }
        assertThat(out).doesNotExist();
        assertThat(OutputLock.fileFor(out)).isEmptyFile();
    }

    @Test
    void aResumeStartedWhileTheFirstRunWritesIsRefused() throws IOException {
        Path out = dir.resolve("o.jsonl");
        Files.writeString(out, "{\"id\":\"game24-1\"}\n");
        try (OutputLock held = OutputLock.onFile(out, "--output", "run")) {
            Cli.Result resumed = Cli.run("run", "--model", MODEL, "--input", "game24:1-2", "--output", out.toString(),
                    "--resume");

            assertThat(resumed.code()).isEqualTo(FAILED);
            assertThat(resumed.err()).contains("is in use by another run");
        }
        assertThat(Files.readString(out)).isEqualTo("{\"id\":\"game24-1\"}\n");
    }

    @Test
    void anExportDirectoryInUseIsRefusedEvenWithAnotherOutput() {
        Path export = dir.resolve("export");
        try (OutputLock held = OutputLock.onDirectory(export, "--export-dir", "run")) {
            Cli.Result second = Cli.run("run", "--model", MODEL, "--input", "game24:1-2", "--output",
                    dir.resolve("other.jsonl").toString(), "--export-dir", export.toString());

            assertThat(second.code()).isEqualTo(FAILED);
            assertThat(second.err()).contains("--export-dir " + export).contains("is in use by another run");
        }
    }

    @Test
    void twoRunsAtOnceOnOneOutputGiveEachIdOnce() throws Exception {
        Path out = dir.resolve("o.jsonl");
        List<Cli.Result> results = new ArrayList<>();
        Thread first = new Thread(() -> {
            Cli.Result result = run("game24:1-40", out);
            synchronized (results) {
                results.add(result);
            }
        });
        first.start();
        Cli.Result second = run("game24:1-40", out);
        first.join();
        results.add(second);

        long succeeded = results.stream().filter(result -> result.code() == 0).count();
        assertThat(succeeded).as(results.toString()).isEqualTo(1);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(40);
        assertThat(lines.stream().map(line -> JsonLines.parse(line, "o").get("id").asText()).distinct()).hasSize(40);
    }

    @Test
    void aLockHeldByAnotherProcessIsRespectedAndFreedWhenItEnds() throws Exception {
        Path out = dir.resolve("o.jsonl");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), out.toString())
                .redirectErrorStream(true).start();
        try {
            String ready = new String(holder.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
            assertThat(ready).isEqualTo("locked");

            Cli.Result blocked = run("game24:1-2", out);

            assertThat(blocked.code()).isEqualTo(FAILED);
            assertThat(blocked.err()).contains("is in use by another run").contains("pid " + holder.pid());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        Cli.Result after = run("game24:1-2", out);
        assertThat(after.code()).as(after.err()).isZero();
    }

    // ---- 2. --resume with a new or mistyped --output ----

    @Test
    void resumingIntoAMissingOutputRefusesToDropTheExportRecords() throws IOException {
        Path export = dir.resolve("export");
        Cli.Result first = Cli.run("run", "--model", MODEL, "--input", "game24:1-6", "--output",
                dir.resolve("out.jsonl").toString(), "--export-dir", export.toString());
        assertThat(first.code()).as(first.err()).isZero();
        String trees = Files.readString(export.resolve("trees.jsonl"));

        Cli.Result resumed = Cli.run("run", "--model", MODEL, "--input", "game24:1-6", "--output",
                dir.resolve("typo.jsonl").toString(), "--export-dir", export.toString(), "--resume");

        assertThat(resumed.code()).isEqualTo(FAILED);
        assertThat(resumed.err()).contains("typo.jsonl does not exist").contains("holds 6 records")
                .contains("Pass the --output that run wrote");
        assertThat(Files.readString(export.resolve("trees.jsonl"))).isEqualTo(trees);
        assertThat(dir.resolve("typo.jsonl")).doesNotExist();
    }

    // ---- 3. strict JSON lines ----

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\": \"a\", \"question\": \"1 1 4 6\"}{\"id\": \"b\", \"question\": \"1 2 3 4\"}",
        "{\"id\": \"a\", \"question\": \"1 1 4 6\"} garbage",
        "{\"id\": \"a\", \"question\": \"1 1 4 6\", \"question\": \"1 2 3 4\"}"})
    void aLineHoldingMoreThanOneValueOrARepeatedKeyIsAnError(String line) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"id\": \"z\", \"question\": \"1 1 4 6\"}\n" + line + "\n");

        Cli.Result result = run(input.toString(), dir.resolve("out.jsonl"));

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("in.jsonl line 2: not valid JSON").doesNotContain("\tat ");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void aByteOrderMarkIsNamed() throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.write(input, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "{\"id\": \"a\", \"question\": \"1 1 4 6\"}\n".getBytes(StandardCharsets.UTF_8)));

        Cli.Result result = run(input.toString(), dir.resolve("out.jsonl"));

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("in.jsonl line 1").contains("byte-order mark");
    }

    @Test
    void invalidUtf8IsNamedWithItsLine() throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.write(input, concat("{\"id\": \"a\", \"question\": \"1 1 4 6\"}\n{\"id\": \"b\", \"question\": \"1 1 4 6 "
                .getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF}, "\"}\n".getBytes(StandardCharsets.UTF_8)));

        Cli.Result result = run(input.toString(), dir.resolve("out.jsonl"));

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("in.jsonl line 2: not UTF-8 text (byte 0xFF").doesNotContain("Input length");
    }

    @Test
    void gradeAndExportReadStrictlyToo() throws IOException {
        Path pairs = dir.resolve("pairs.jsonl");
        Files.writeString(pairs, "{\"gold\": \"1\", \"prediction\": \"1\"}{\"gold\": \"2\", \"prediction\": \"3\"}\n");
        Path trees = dir.resolve("trees.jsonl");
        Files.writeString(trees, "{\"id\": \"a\"} {\"id\": \"b\"}\n");

        Cli.Result graded = Cli.run("grade", "--input", pairs.toString());
        Cli.Result exported = Cli.run("export", "--trees", trees.toString(), "--format", "sft", "--output",
                dir.resolve("sft.jsonl").toString());

        assertThat(graded.code()).isEqualTo(FAILED);
        assertThat(graded.err()).contains("pairs.jsonl line 1: not valid JSON");
        assertThat(exported.code()).isEqualTo(FAILED);
        assertThat(exported.err()).contains("trees.jsonl line 1: not valid JSON");
    }

    // ---- 4. no command writes over its own input or earlier results ----

    @Test
    void inspectDoesNotWriteTheHtmlOverItsTreesFile() throws IOException {
        Path trees = dir.resolve("trees.jsonl");
        String content = "{\"id\": \"a\"}\n";
        Files.writeString(trees, content);

        Cli.Result result = Cli.run("inspect", "--trees", trees.toString(), "--id", "a", "--html", trees.toString());

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("is the same file as --trees");
        assertThat(Files.readString(trees)).isEqualTo(content);
    }

    @Test
    void searchHtmlDoesNotOverwriteAnEarlierPageUnlessForced() throws IOException {
        Path html = dir.resolve("tree.html");
        Files.writeString(html, "earlier");

        Cli.Result refused = Cli.run("search", "--model", MODEL, "--html", html.toString(), "1 1 4 6");
        assertThat(refused.code()).isEqualTo(FAILED);
        assertThat(refused.err()).contains("already exists").contains("--force");
        assertThat(Files.readString(html)).isEqualTo("earlier");

        Cli.Result forced = Cli.run("search", "--model", MODEL, "--html", html.toString(), "--force", "1 1 4 6");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void compareDoesNotOverwriteAnEarlierComparisonUnlessForced() throws IOException {
        Path out = dir.resolve("cmp");
        Files.createDirectories(out);
        Files.writeString(out.resolve("compare.csv"), "earlier");

        Cli.Result refused = Cli.run("compare", "--model", MODEL, "--input", "game24:1-2", "--algorithms", "greedy",
                "--budgets", "100", "--output-dir", out.toString());

        assertThat(refused.code()).isEqualTo(FAILED);
        assertThat(refused.err()).contains("compare.csv already exists").contains("--force")
                .doesNotContain("compare: 2 problems");
        assertThat(Files.readString(out.resolve("compare.csv"))).isEqualTo("earlier");
    }

    @Test
    void anOutputThatIsOneOfTheExportFilesIsRefused() {
        Path export = dir.resolve("export");

        Cli.Result result = Cli.run("run", "--model", MODEL, "--input", "game24:1-2", "--output",
                export.resolve("trees.jsonl").toString(), "--export-dir", export.toString());

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("is the same file as the export file");
        assertThat(export.resolve("trees.jsonl")).doesNotExist();
    }

    @Test
    void runDoesNotWriteOverItsInput() throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"id\": \"a\", \"question\": \"1 1 4 6\"}\n");

        Cli.Result result = Cli.run("run", "--model", MODEL, "--input", input.toString(), "--output",
                input.toString(), "--resume");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("is the same file as --input");
    }

    // ---- 5. a time limit whose nanoseconds overflow ----

    @ParameterizedTest
    @ValueSource(strings = {"2562048h", "99999999999999999999s", "PT9999999999H"})
    void anOverlongTimeLimitIsAUsageError(String limit) {
        Cli.Result result = Cli.run("search", "--model", MODEL, "--time-limit", limit, "1 1 4 6");

        assertThat(result.code()).isEqualTo(USAGE);
        assertThat(result.err()).contains("--time-limit").contains("too long").doesNotContain("\tat ");
    }

    // ---- 6. every question checked before any search ----

    @Test
    void aBadQuestionOnLineFourOfSixIsFoundBeforeAnySearch() throws IOException {
        Path input = dir.resolve("in.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            lines.append("{\"id\": \"p").append(i).append("\", \"question\": \"")
                    .append(i == 4 ? "1 2 3 4 5" : "1 1 4 6").append("\"}\n");
        }
        Files.writeString(input, lines);

        Cli.Result result = run(input.toString(), dir.resolve("out.jsonl"));

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("problem p4").contains("exactly four numbers").doesNotContain("problems, ");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void aThousandNumberQuestionIsRefusedAtOnce() {
        StringBuilder question = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            question.append(i % 13 + 1).append(' ');
        }
        long start = System.nanoTime();

        Cli.Result result = Cli.run("search", "--model", MODEL, "--time-limit", "10s", question.toString().strip());

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("malformed question");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void checkValidatesEverythingAndWritesNothing() throws IOException {
        Path out = dir.resolve("sub/out.jsonl");

        Cli.Result ok = Cli.run("run", "--model", MODEL, "--input", "game24:1-5", "--output", out.toString(),
                "--export-dir", dir.resolve("export").toString(), "--check");

        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("check: 5 problems").contains("nothing was searched or written");
        assertThat(dir.resolve("sub")).doesNotExist();
        assertThat(dir.resolve("export")).doesNotExist();
    }

    // ---- 7. Game of 24: four numbers, negative numbers end to end ----

    @ParameterizedTest
    @ValueSource(strings = {"1 2 3", "1 2 3 4 5", "1/2 3 4 5", "1 2 3 100000"})
    void aQuestionThatIsNotFourIntegersIsRefused(String question) {
        Cli.Result result = Cli.run("search", "--model", MODEL, question);

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("malformed question '" + question + "'").doesNotContain("\tat ");
    }

    // ---- 9. silent acceptance ----

    @Test
    void anUnknownBanyanJsonKeyIsAnErrorWithTheNearestKey() throws IOException {
        Files.writeString(dir.resolve("banyan.json"),
                "{\"task\": \"game24\", \"policy\": \"simulated\", \"prm\": \"simulated\", \"budgetToken\": 50}");

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("unknown key \"budgetToken\"").contains("did you mean \"budgetTokens\"?");
    }

    @Test
    void aBanyanJsonWithARepeatedKeyIsAnError() throws IOException {
        Files.writeString(dir.resolve("banyan.json"),
                "{\"task\": \"game24\", \"policy\": \"simulated\", \"prm\": \"simulated\", \"prm\": \"prm\"}");

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("banyan.json is not valid JSON").contains("Duplicate field 'prm'");
    }

    @Test
    void aPrmStyleThatCannotApplyIsAnError() throws IOException {
        Files.writeString(dir.resolve("banyan.json"), "{\"task\": \"game24\", \"policy\": \"simulated\", "
                + "\"prm\": \"simulated\", \"prmStyle\": \"step-tag\"}");

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("\"prmStyle\" describes an ONNX PRM");
    }

    // ---- 10. messages with the reason ----

    @Test
    void aFileErrorSaysWhy() {
        assertThat(IoErrors.reason(new AccessDeniedException("x"))).isEqualTo("permission denied");
    }

    @Test
    void anUnreadableInputSaysPermissionDenied() throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"question\": \"1 1 4 6\"}\n");
        input.toFile().setReadable(false, false);
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(input), "the superuser reads every file");

        Cli.Result result = run(input.toString(), dir.resolve("out.jsonl"));

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("cannot read input " + input + ": permission denied");
    }

    @Test
    void anOutputThatIsADirectorySaysSo() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out.jsonl"));

        Cli.Result result = run("game24:1-2", out);

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("is a directory").doesNotContain("not empty");
    }

    @Test
    void exportDoesNotAdviseAResumeItDoesNotHave() throws IOException {
        Path out = dir.resolve("sft.jsonl");
        Files.writeString(out, "{}\n");
        Path trees = dir.resolve("trees.jsonl");
        Files.writeString(trees, "");

        Cli.Result result = Cli.run("export", "--trees", trees.toString(), "--format", "sft", "--output", out.toString());

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("already exists").doesNotContain("--resume");
    }

    @Test
    void compareFindsAnUnwritableOutputDirectoryBeforeSearching() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");

        Cli.Result result = Cli.run("compare", "--model", MODEL, "--input", "game24:1-2", "--algorithms", "greedy",
                "--budgets", "100", "--output-dir", file.resolve("cmp").toString());

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("is a file, not a directory").doesNotContain("compare: 2 problems");
    }

    private Cli.Result run(String input, Path out) {
        return Cli.run("run", "--model", MODEL, "--input", input, "--output", out.toString());
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
