package dev.banyan.search.tasks;

/** Compares a model's output with an expected answer, as the task's verifier does. Thread-safe. */
@FunctionalInterface
public interface AnswerGrader {
    /**
     * Never throws on any text.
     *
     * @param gold the expected answer: a bare answer, or a worked solution whose answer is extracted
     * @param prediction a model's output, whose final answer is extracted
     */
    Grade grade(String gold, String prediction);
}
