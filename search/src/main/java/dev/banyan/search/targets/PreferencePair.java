package dev.banyan.search.targets;

import java.util.Objects;

/**
 * Two sibling steps from the same context, the better one chosen.
 *
 * @param prompt the task's rendering of the parent's path, the context both steps continue
 * @param chosen the step text with the higher value
 * @param rejected the step text with the lower value
 * @param chosenValue the chosen step's value
 * @param rejectedValue the rejected step's value, lower by at least the margin
 */
public record PreferencePair(String prompt, String chosen, String rejected, double chosenValue,
                             double rejectedValue) {
    public PreferencePair {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
    }
}
