package dev.banyan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input ends the command with a non-zero exit and a message saying what and where. */
class BadInputTest {
    private static final int USAGE = 2;
    private static final int FAILED = 1;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"search", "run"})
    void anUnknownAlgorithmIsAUsageError(String command) {
        Cli.Result result = command.equals("search")
                ? Cli.run("search", "--algorithm", "alphazero", "1 1 4 6")
                : Cli.run("run", "--algorithm", "alphazero", "--input", "game24:1-2", "--output", dir.resolve("o").toString());

        assertThat(result.code()).isEqualTo(USAGE);
        assertThat(result.err()).contains("'alphazero'").contains("mcts-star").contains("greedy").contains("--help");
    }

    @Test
    void anUnknownAlgorithmInAComparisonIsAUsageError() {
        Cli.Result result = Cli.run("compare", "--input", "game24:1-2", "--algorithms", "mcts-star,bfs",
                "--budgets", "100", "--output-dir", dir.toString());

        assertThat(result.code()).isEqualTo(USAGE);
        assertThat(result.err()).contains("'bfs'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "lots"})
    void aBudgetThatIsNotPositiveIsAUsageError(String budget) {
        Cli.Result result = Cli.run("search", "--budget-tokens", budget, "1 1 4 6");

        assertThat(result.code()).isEqualTo(USAGE);
        assertThat(result.err()).contains("--budget-tokens").contains(budget.equals("lots") ? "not a whole number" : "must be positive");
    }

    @Test
    void aNonPositiveBudgetInAComparisonIsAUsageError() {
        Cli.Result result = Cli.run("compare", "--input", "game24:1-2", "--algorithms", "mcts-star",
                "--budgets", "100,0", "--output-dir", dir.toString());

        assertThat(result.code()).isEqualTo(USAGE);
        assertThat(result.err()).contains("--budgets").contains("must be positive");
    }

    @Test
    void aMalformedInputLineIsNamed() throws IOException {
        Path input = write("in.jsonl", "{\"id\": \"a\", \"question\": \"1 1 4 6\"}\n{\"id\": \"b\", \"question\": \n");

        Cli.Result result = run(input);

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("in.jsonl line 2").contains("not valid JSON");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void aLineWithoutAnIdIsNamedByItsFileAndLine() throws IOException {
        Path input = write("in.jsonl", "{\"id\": \"a\", \"question\": \"1 1 4 6\"}\n\n{\"question\": \"1 1 4 6\"}\n");

        Cli.Result result = run(input);

        assertThat(result.code()).isZero();
        assertThat(Files.readString(dir.resolve("out.jsonl"))).contains("\"id\":\"a\"").contains("\"id\":\"in-3\"");
    }

    @Test
    void aMissingQuestionFieldNamesTheFieldsTheLineHas() throws IOException {
        Path input = write("in.jsonl", "{\"id\": \"a\", \"problem\": \"1 1 4 6\"}\n");

        Cli.Result result = run(input);

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("in.jsonl line 1").contains("missing \"question\"")
                .contains("\"problem\"").contains("--question-field");
    }

    @Test
    void aNonStringIdIsNamed() throws IOException {
        Path input = write("in.jsonl", "{\"id\": 7, \"question\": \"1 1 4 6\"}\n");

        Cli.Result result = run(input);

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("in.jsonl line 1").contains("\"id\" must be a non-empty string");
    }

    @Test
    void aDuplicateIdNamesBothLines() throws IOException {
        Path input = write("in.jsonl", "{\"id\": \"a\", \"question\": \"1 1 4 6\"}\n"
                + "{\"id\": \"b\", \"question\": \"1 1 4 6\"}\n{\"id\": \"a\", \"question\": \"2 2 4 6\"}\n");

        Cli.Result result = run(input);

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("in.jsonl line 3").contains("duplicate id \"a\"").contains("first on line 1");
    }

    @Test
    void aQuestionTheTaskCannotReadNamesItsProblem() throws IOException {
        Path input = write("in.jsonl", "{\"id\": \"ok\", \"question\": \"1 1 4 6\"}\n{\"id\": \"bad\", \"question\": \"hello\"}\n");

        Cli.Result result = run(input);

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("problem bad: malformed question 'hello'").doesNotContain("\tat ");
    }

    @Test
    void aQuestionTheTaskCannotReadIsAnErrorForSearchToo() {
        Cli.Result result = Cli.run("search", "--model", Cli.SIMULATED.toString(), "hello");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).startsWith("banyan search: malformed question 'hello'").doesNotContain("\tat ");
    }

    @Test
    void aMissingInputFileIsNamed() {
        Cli.Result result = run(dir.resolve("absent.jsonl"));

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("absent.jsonl").contains("does not exist");
    }

    @Test
    void aBuiltInRangeOutsideTheSetIsNamed() {
        Cli.Result result = Cli.run("run", "--input", "game24:1300-1400", "--output", dir.resolve("o.jsonl").toString(),
                "--model", Cli.SIMULATED.toString());

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("game24:1300-1400").contains("1362");
    }

    @Test
    void aDirectoryWithoutBanyanJsonIsNotAModel() {
        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains(dir.toString()).contains("is not a model directory").contains("banyan.json");
    }

    @Test
    void aMissingModelDirectoryIsNamed() {
        Path absent = dir.resolve("no-such-model");

        Cli.Result result = Cli.run("search", "--model", absent.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains(absent.toString()).contains("does not exist");
    }

    @Test
    void aModelFileWithoutATaskSaysSo() throws IOException {
        write("banyan.json", "{\"policy\": \"simulated\", \"prm\": \"simulated\"}");

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains(dir.resolve("banyan.json").toString()).contains("missing \"task\"");
    }

    @Test
    void aModelFileThatIsNotJsonSaysSo() throws IOException {
        write("banyan.json", "{\"task\": \"game24\",");

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("banyan.json is not valid JSON");
    }

    @Test
    void anUnknownTaskIsNamed() throws IOException {
        write("banyan.json", "{\"task\": \"chess\", \"policy\": \"simulated\", \"prm\": \"simulated\"}");

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("unknown task 'chess'").contains("game24");
    }

    @Test
    void aPolicyDirectoryThatIsMissingIsNamed() throws IOException {
        write("banyan.json", "{\"task\": \"game24\", \"policy\": \"policy\", \"prm\": \"simulated\"}");

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("\"policy\" names " + dir.resolve("policy")).contains("not a directory");
    }

    @Test
    void anEmptyOnnxModelDirectoryIsNamedWithWhatItLacks() throws IOException {
        write("banyan.json", "{\"task\": \"game24\", \"policy\": \"policy\", \"prm\": \"simulated\"}");
        Files.createDirectories(dir.resolve("policy"));

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("banyan.json names the ONNX model " + dir.resolve("policy"))
                .contains("has no model.onnx or decoder_model_merged.onnx");
    }

    @Test
    void aSimulatedTunableOutOfRangeIsNamed() throws IOException {
        write("banyan.json", "{\"task\": \"game24\", \"policy\": \"simulated\", \"prm\": \"simulated\","
                + " \"simulated\": {\"slipRate\": 2}}");

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("banyan.json").contains("simulated").contains("2");
    }

    @Test
    void aBadDefaultInTheModelFileIsNamed() throws IOException {
        write("banyan.json", "{\"task\": \"game24\", \"policy\": \"simulated\", \"prm\": \"simulated\","
                + " \"budgetTokens\": -1}");

        Cli.Result result = Cli.run("search", "--model", dir.toString(), "1 1 4 6");

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("\"budgetTokens\" must be a positive integer");
    }

    @Test
    void aBadTimeLimitIsAUsageError() {
        Cli.Result result = Cli.run("search", "--time-limit", "soon", "1 1 4 6");

        assertThat(result.code()).isEqualTo(USAGE);
        assertThat(result.err()).contains("--time-limit").contains("not a duration");
    }

    @Test
    void anEmptySelectionIsAnError() {
        Cli.Result result = Cli.run("run", "--input", "game24:1-5", "--from", "9", "--output",
                dir.resolve("o.jsonl").toString(), "--model", Cli.SIMULATED.toString());

        assertThat(result.code()).isEqualTo(FAILED);
        assertThat(result.err()).contains("no problems selected");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = Cli.run();

        assertThat(result.code()).isEqualTo(USAGE);
        assertThat(result.err()).contains("missing command");
    }

    private Cli.Result run(Path input) {
        return Cli.run("run", "--input", input.toString(), "--output", dir.resolve("out.jsonl").toString(),
                "--model", Cli.SIMULATED.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
