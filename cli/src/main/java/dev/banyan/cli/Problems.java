package dev.banyan.cli;

import dev.banyan.search.Task;
import dev.banyan.search.tasks.Problem;

import java.util.List;

/** Checks made on a whole input before any search starts. */
final class Problems {
    private Problems() {
    }

    /** Every question must be one the task accepts; the first that is not fails the command, naming it. */
    static void checkQuestions(Task task, List<Problem> problems) {
        for (Problem problem : problems) {
            try {
                task.checkQuestion(problem.question());
            } catch (IllegalArgumentException e) {
                throw new UserError("problem " + problem.id() + ": " + e.getMessage()
                        + " (checked before any search; nothing was written)");
            }
        }
    }
}
