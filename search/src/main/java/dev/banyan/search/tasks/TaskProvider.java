package dev.banyan.search.tasks;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A kind of problem Banyan can search, found by name in the {@link TaskRegistry}. A task plugs in by
 * implementing this interface and listing the class in
 * {@code META-INF/services/dev.banyan.search.tasks.TaskProvider}; nothing outside the task's own package and
 * the registry names it.
 */
public interface TaskProvider {
    /** The name {@code banyan.json}'s {@code "task"}, {@code --task} and saved trees use, e.g. {@code math}. */
    String name();

    /** One line for listings: what the task's questions and answers are. */
    String summary();

    /**
     * The task, configured by {@code banyan.json}'s {@code "taskSettings"} object; throws
     * {@link IllegalArgumentException} naming a setting that is unknown or out of range.
     */
    Task create(TaskSettings settings);

    /**
     * The task's simulated policy (no network), tuned by {@code banyan.json}'s {@code "simulated"} object.
     *
     * @param modelDirectory where relative paths in the tunables are resolved
     * @throws UnsupportedOperationException when the task has none
     */
    default Policy simulatedPolicy(TaskSettings tunables, Path modelDirectory) {
        throw new UnsupportedOperationException("the task " + name() + " has no simulated policy");
    }

    /** The task's simulated PRM; as {@link #simulatedPolicy}. */
    default StepScorer simulatedPrm(TaskSettings tunables, Path modelDirectory) {
        throw new UnsupportedOperationException("the task " + name() + " has no simulated PRM");
    }

    /**
     * The problems of a built-in data set named in place of an input file ({@code NAME} or {@code NAME:SPEC},
     * e.g. {@code game24:1-100}), or empty when the task ships none. Throws {@link IllegalArgumentException}
     * saying what {@code spec} should look like.
     *
     * @param spec what follows {@code NAME:}, or null for the whole set
     */
    default Optional<List<Problem>> builtInData(String spec) {
        return Optional.empty();
    }

    /** How its built-in data set is named, for {@code --help}; empty when it has none. */
    default Optional<String> builtInDataUsage() {
        return Optional.empty();
    }

    /**
     * Grades a stated answer against an expected one outside any search ({@code banyan grade}); empty when
     * the task's answers are not checked against an expected answer (e.g. Game of 24, checked exactly).
     */
    default Optional<AnswerGrader> grader() {
        return Optional.empty();
    }
}
