package dev.banyan.search.game24;

import java.util.Optional;

/** The last step of a solution, {@code Answer: (13 - 9) * (10 - 4) = 24}: how it is recognised and written. */
final class AnswerLine {
    static final String PREFIX = "Answer:";

    private AnswerLine() {
    }

    static boolean isAnswer(String step) {
        return step.strip().startsWith(PREFIX);
    }

    /** What follows {@code Answer:}, e.g. {@code (13 - 9) * (10 - 4) = 24}; empty if the step is no answer. */
    static Optional<String> answerOf(String step) {
        return isAnswer(step) ? Optional.of(step.strip().substring(PREFIX.length()).strip()) : Optional.empty();
    }

    /**
     * The expression part of an answer: the text before the first {@code =}. The value claimed after it is
     * ignored, as Tree of Thoughts' own check does: the expression is what gets judged.
     */
    static String expressionOf(String answer) {
        int equals = answer.indexOf('=');
        return (equals < 0 ? answer : answer.substring(0, equals)).strip();
    }

    /** The answer line for {@code expression}, ending in its real value ({@code = 24} only if it is 24). */
    static String of(Expression expression) {
        return of(expression, expression.value());
    }

    /** The answer line for {@code expression}, ending in {@code value}. */
    static String of(Expression expression, Fraction value) {
        return PREFIX + " " + expression.format() + " = " + value;
    }
}
