package dev.banyan.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A question and the reasoning steps taken so far. Immutable; {@link #extend} returns a new path.
 *
 * <p>A step may carry the policy's token ids of the step and its delimiter ({@link StepProposal#tokenIds()}),
 * so that the models continue from exactly the ids the policy generated instead of tokenising the text again.
 * They are opaque here and take no part in equality: two paths with the same text are the same path.
 */
public final class ReasoningPath {
    private final String question;
    private final List<String> steps;
    /** Per step, its token ids or {@code null}; {@code null} as a whole when no step has any. */
    private final long[][] stepIds;

    private ReasoningPath(String question, List<String> steps, long[][] stepIds) {
        this.question = Objects.requireNonNull(question, "question");
        this.steps = steps;
        this.stepIds = stepIds;
    }

    /** The path with no steps yet. */
    public static ReasoningPath of(String question) {
        return new ReasoningPath(question, List.of(), null);
    }

    /** A path with the given steps, in order. */
    public static ReasoningPath of(String question, List<String> steps) {
        for (String step : steps) {
            Objects.requireNonNull(step, "step");
        }
        return new ReasoningPath(question, List.copyOf(steps), null);
    }

    /** This path followed by one more step, without token ids. */
    public ReasoningPath extend(String step) {
        return extend(step, null);
    }

    /**
     * This path followed by one more step whose policy token ids (of the step and its delimiter) are
     * {@code tokenIds}, or {@code null} when unknown; the array is copied.
     */
    public ReasoningPath extend(String step, long[] tokenIds) {
        Objects.requireNonNull(step, "step");
        List<String> longer = new ArrayList<>(steps.size() + 1);
        longer.addAll(steps);
        longer.add(step);
        long[][] ids = null;
        if (tokenIds != null || stepIds != null) {
            ids = stepIds == null ? new long[steps.size() + 1][] : Arrays.copyOf(stepIds, steps.size() + 1);
            ids[steps.size()] = tokenIds == null ? null : tokenIds.clone();
        }
        return new ReasoningPath(question, Collections.unmodifiableList(longer), ids);
    }

    /** The token ids step {@code index} was generated with (with its delimiter), a copy; {@code null} when unknown. */
    public long[] stepTokenIds(int index) {
        Objects.checkIndex(index, steps.size());
        long[] ids = stepIds == null ? null : stepIds[index];
        return ids == null ? null : ids.clone();
    }

    /** Whether every step carries its token ids (true for a path without steps). */
    public boolean hasAllStepTokenIds() {
        if (steps.isEmpty()) {
            return true;
        }
        if (stepIds == null) {
            return false;
        }
        for (long[] ids : stepIds) {
            if (ids == null) {
                return false;
            }
        }
        return true;
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
