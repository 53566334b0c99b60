package dev.banyan.search.math;

/**
 * The verdict on one prediction against a gold answer.
 *
 * @param equal           whether the prediction's answer is equivalent to the gold's
 * @param goldAnswer      the gold's answer, as extracted; null when it states none
 * @param predictedAnswer the prediction's answer, as extracted; null when it states none
 * @param reason          why, in words: {@code "equal"}, {@code "different values 18 and 26"},
 *                        {@code "prediction states no answer"}, {@code "gold states no answer"},
 *                        {@code "unparseable prediction 'x y' compared as text"}
 */
public record Grade(boolean equal, String goldAnswer, String predictedAnswer, String reason) {
}
