package dev.banyan.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A question and the reasoning steps taken so far. Immutable; {@link #extend} returns a new path. */
public final class ReasoningPath {
    private final String question;
    private final List<String> steps;

    private ReasoningPath(String question, List<String> steps) {
        this.question = Objects.requireNonNull(question, "question");
        this.steps = steps;
    }

    /** The path with no steps yet. */
    public static ReasoningPath of(String question) {
        return new ReasoningPath(question, List.of());
    }

    /** A path with the given steps, in order. */
    public static ReasoningPath of(String question, List<String> steps) {
        for (String step : steps) {
            Objects.requireNonNull(step, "step");
        }
        return new ReasoningPath(question, List.copyOf(steps));
    }

    /** This path followed by one more step. */
    public ReasoningPath extend(String step) {
        Objects.requireNonNull(step, "step");
        List<String> longer = new ArrayList<>(steps.size() + 1);
        longer.addAll(steps);
        longer.add(step);
        return new ReasoningPath(question, Collections.unmodifiableList(longer));
    }

    public String question() {
        return question;
    }

    /** The steps, oldest first; unmodifiable. */
    public List<String> steps() {
        return steps;
    }

    /** Number of steps taken. */
    public int depth() {
        return steps.size();
    }

    /** The newest step; throws if there is none. */
    public String newestStep() {
        if (steps.isEmpty()) {
            throw new IllegalStateException("the path has no steps yet");
        }
        return steps.get(steps.size() - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReasoningPath p && question.equals(p.question) && steps.equals(p.steps);
    }

    @Override
    public int hashCode() {
        return 31 * question.hashCode() + steps.hashCode();
    }

    @Override
    public String toString() {
        return question + " | " + String.join(" | ", steps);
    }
}
