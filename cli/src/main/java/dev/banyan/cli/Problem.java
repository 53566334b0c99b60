package dev.banyan.cli;

import java.util.Objects;

/**
 * One input problem.
 *
 * @param id unique within its input
 * @param question the question in the task's format
 * @param answer the expected answer, or null when unknown
 */
record Problem(String id, String question, String answer) {
    Problem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
    }
}
