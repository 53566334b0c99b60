package dev.banyan.search.tasks;

import java.util.Objects;

/**
 * One input problem.
 *
 * @param id unique within its input
 * @param question the question in the task's format
 * @param answer the expected answer (for some tasks a worked solution ending in it), or null when unknown
 */
public record Problem(String id, String question, String answer) {
    public Problem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
    }
}
