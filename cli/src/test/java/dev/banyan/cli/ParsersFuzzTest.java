package dev.banyan.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.banyan.api.ModelBundle;
import dev.banyan.api.ModelException;
import dev.banyan.prm.PrmConfig;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Task;
import dev.banyan.search.game24.Game24Task;
import dev.banyan.search.math.MathAnswers;
import dev.banyan.search.tasks.TaskRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz targets for every parser of outside text: the JSON Lines problem reader, {@code banyan.json},
 * {@code prm.json}, the Game of 24 question and answer parsers, and the math answer parser. Each accepts its
 * documented errors (a {@link UserError}, {@link ModelException} or {@link IllegalArgumentException} naming
 * what is wrong) and nothing else: any other throwable, or a hang, is a finding.
 *
 * <p>In the normal build Jazzer replays only the committed inputs under
 * {@code src/test/resources/dev/banyan/cli/ParsersFuzzTestInputs/METHOD/} (fast). To fuzz one target for real,
 * adding what it finds there:
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -ntp test -pl cli -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest='ParsersFuzzTest#mathAnswers'
 * </pre>
 */
class ParsersFuzzTest {
    private static final Path SCRATCH = scratch();
    private static final Task GAME24 = TaskRegistry.task("game24");

    @FuzzTest(maxDuration = "2m")
    void problemReader(FuzzedDataProvider data) throws IOException {
        Path input = SCRATCH.resolve("in.jsonl");
        Files.write(input, data.consumeRemainingAsBytes());
        try {
            ProblemSource.load(input.toString(), new InputFields());
        } catch (UserError expected) {
            // a malformed file, named with its line
        }
    }

    @FuzzTest(maxDuration = "2m")
    void banyanJson(FuzzedDataProvider data) throws IOException {
        Path model = Files.createDirectories(SCRATCH.resolve("model"));
        Files.write(model.resolve("banyan.json"), data.consumeRemainingAsBytes());
        try (ModelBundle bundle = ModelBundle.open(model)) {
            bundle.task();
        } catch (ModelException expected) {
            // a bad banyan.json, named with its key
        }
    }

    @FuzzTest(maxDuration = "2m")
    void prmJson(FuzzedDataProvider data) throws IOException {
        Path file = SCRATCH.resolve("prm.json");
        Files.write(file, data.consumeRemainingAsBytes());
        try {
            PrmConfig.read(file);
        } catch (IllegalArgumentException expected) {
            // names the file and the key
        } catch (UncheckedIOException expected) {
            // not UTF-8 text
        }
    }

    @FuzzTest(maxDuration = "2m")
    void game24Question(FuzzedDataProvider data) {
        String question = data.consumeRemainingAsString();
        try {
            GAME24.checkQuestion(question);
            Game24Task.inputNumbers(question);
        } catch (IllegalArgumentException expected) {
            // says what a question looks like
        }
    }

    @FuzzTest(maxDuration = "2m")
    void game24Answer(FuzzedDataProvider data) {
        String step = GAME24.normalizeStep(data.consumeRemainingAsString());
        if (step.isEmpty()) {
            return;
        }
        ReasoningPath path = ReasoningPath.of("4 9 10 13").extend(step, null);
        // A proposed step is never an error: it is judged, or has no answer.
        GAME24.isTerminal(path);
        GAME24.extractAnswer(path).ifPresent(GAME24::answerKey);
        GAME24.verifier().verify(path, null);
    }

    @FuzzTest(maxDuration = "2m")
    void mathAnswers(FuzzedDataProvider data) {
        String gold = data.consumeString(200);
        String prediction = data.consumeRemainingAsString();
        // No answer may make the parser throw.
        MathAnswers.extract(prediction).ifPresent(MathAnswers::key);
        MathAnswers.equivalent(gold, prediction);
        MathAnswers.grade(gold, prediction);
    }

    private static Path scratch() {
        try {
            Path dir = Files.createTempDirectory("banyan-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
