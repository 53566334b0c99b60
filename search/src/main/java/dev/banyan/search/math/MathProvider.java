package dev.banyan.search.math;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.tasks.AnswerGrader;
import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskSettings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The math task in the {@link dev.banyan.search.tasks.TaskRegistry}. Task settings ({@code "taskSettings"}):
 * {@code promptTemplate} (default {@value #DEFAULT_TEMPLATE_TEXT}), {@code stepDelimiter} (default two
 * newlines), {@code maxSteps} (default {@value #DEFAULT_MAX_STEPS}). Simulated-model tunables
 * ({@code "simulated"}): {@code solutions} (a GSM8K {@code model_solutions} file, relative to the model
 * directory; required), {@code truthWeight} (default 1), {@code prmNoise} (default 0), {@code prmSeed}.
 */
public final class MathProvider implements TaskProvider {
    static final String NAME = "math";
    static final String DEFAULT_TEMPLATE_TEXT = "Question: {question}\\nAnswer:\\n";
    static final String DEFAULT_TEMPLATE = "Question: " + MathTask.QUESTION + "\nAnswer:\n";
    static final int DEFAULT_MAX_STEPS = 16;
    private static final Set<String> TASK_SETTINGS = Set.of("promptTemplate", "stepDelimiter", "maxSteps");
    private static final Set<String> TUNABLES = Set.of("solutions", "truthWeight", "prmNoise", "prmSeed");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "math word problems (GSM8K, MATH): free-text steps, answers compared by meaning";
    }

    @Override
    public Task create(TaskSettings settings) {
        settings.requireOnly(TASK_SETTINGS);
        try {
            return new MathTask(settings.text("promptTemplate", DEFAULT_TEMPLATE),
                    settings.nonEmptyText("stepDelimiter", "\n\n"),
                    (int) settings.integer("maxSteps", DEFAULT_MAX_STEPS, 1, 1_000));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(settings.source()) ? e
                    : new IllegalArgumentException(settings.source() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Policy simulatedPolicy(TaskSettings tunables, Path modelDirectory) {
        return new SimulatedMathPolicy(bank(tunables, modelDirectory), tunables.number("truthWeight", 1.0, 0, 100));
    }

    @Override
    public StepScorer simulatedPrm(TaskSettings tunables, Path modelDirectory) {
        return new SimulatedMathPrm(bank(tunables, modelDirectory), tunables.number("prmNoise", 0.0, 0, 1),
                tunables.integer("prmSeed", 0, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Override
    public Optional<AnswerGrader> grader() {
        return Optional.of(MathAnswers::grade);
    }

    private static SolutionBank bank(TaskSettings tunables, Path modelDirectory) {
        tunables.requireOnly(TUNABLES);
        Path file = tunables.path("solutions", modelDirectory);
        if (file == null) {
            throw new IllegalArgumentException(tunables.source() + ": \"solutions\" must name a GSM8K model_solutions "
                    + "file, e.g. ../../../shared/data/gsm8k/model_solutions-0-899.jsonl");
        }
        try {
            return SolutionBank.load(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(tunables.source() + ": " + e.getMessage(), e);
        }
    }
}
