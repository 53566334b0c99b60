package dev.banyan.search.tasks;

import java.util.Objects;

/**
 * The verdict on one prediction.
 *
 * @param equal whether the predicted answer equals the expected one
 * @param goldAnswer the expected answer as extracted, or null when none could be
 * @param predictedAnswer the predicted answer as extracted, or null when the prediction states none
 * @param reason why, in a few words (e.g. {@code prediction states no answer})
 */
public record Grade(boolean equal, String goldAnswer, String predictedAnswer, String reason) {
    public Grade {
        Objects.requireNonNull(reason, "reason");
    }
}
