package dev.banyan.search.targets;

import java.util.List;
import java.util.Objects;

/**
 * One correct root-to-answer trace, as a policy fine-tuning sample.
 *
 * @param prompt the task's rendering of the bare question
 * @param completion the steps, each followed by the task's step delimiter: the full rendering minus the prompt
 * @param steps the step texts, oldest first
 */
public record SftSample(String prompt, String completion, List<String> steps) {
    public SftSample {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
        steps = List.copyOf(steps);
    }
}
