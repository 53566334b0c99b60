package dev.banyan.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of problem: how its prompt reads, where a step ends, when a path is finished and what its answer is.
 *
 * <p>{@link #render} must be prefix-stable: {@code render(path.extend(s))} starts with {@code render(path)}
 * followed by {@code s} and {@link #stepDelimiter()}. The policy engine relies on this to reuse the KV cache
 * of a parent's text for its children.
 */
public interface Task {
    /** A short name, e.g. {@code game24}. */
    String name();

    /**
     * Checks a question before any search: its format and its size (every task bounds what one search may be
     * given, so that no question makes a single expansion run unbounded). Throws
     * {@link IllegalArgumentException} saying what is wrong. The default accepts any question of at most
     * {@link #MAX_QUESTION_CHARS} characters.
     */
    default void checkQuestion(String question) {
        if (question.length() > MAX_QUESTION_CHARS) {
            throw new IllegalArgumentException("the question is " + question.length() + " characters long; the "
                    + name() + " task takes at most " + MAX_QUESTION_CHARS);
        }
    }

    /** The longest question the default {@link #checkQuestion} accepts. */
    int MAX_QUESTION_CHARS = 100_000;

    /** The text a policy continues from: the formatted question and every step, each ended by the delimiter. */
    String render(ReasoningPath path);

    /** The string that ends one step (a newline for line-per-step tasks); the policy stops generating on it. */
    String stepDelimiter();

    /** Whether the path is finished (its newest step gives an answer, or it can go no further). */
    boolean isTerminal(ReasoningPath path);

    /** The final answer of a finished path, if it states one. */
    Optional<String> extractAnswer(ReasoningPath path);

    /**
     * The canonical form of an answer that votes, answer picking, agreement values and the verifier compare:
     * answers with equal keys are the same answer (for math, {@code 18}, {@code 18.00} and {@code \boxed{18}}).
     * The answer itself by default.
     */
    default String answerKey(String answer) {
        return answer;
    }

    /** The longest path the search may build; a path this long is treated as finished. */
    int maxSteps();

    /** Checks answers of this task. */
    OutcomeVerifier verifier();

    /**
     * The settings that make this task again through its {@link dev.banyan.search.tasks.TaskProvider} (saved
     * with a tree, so that training records derived from it later render prompts the same way); none by default.
     */
    default Map<String, Object> settings() {
        return Map.of();
    }

    /** Normalises a proposed step before it enters the tree (trims whitespace by default). */
    default String normalizeStep(String step) {
        return step.strip();
    }

    /** Stop strings for the policy: the step delimiter by default. */
    default List<String> stopStrings() {
        return List.of(stepDelimiter());
    }
}
