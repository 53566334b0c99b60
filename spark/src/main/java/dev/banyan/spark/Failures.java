package dev.banyan.spark;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** A failed search's error text, as {@code banyan run} writes it. */
final class Failures {
    private Failures() {
    }

    /**
     * What went wrong, in one line: the root cause's message, after its type when that is an {@link Error}, a
     * timeout, or when it has no message ({@code OutOfMemoryError: Java heap space}).
     */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        if (cause instanceof Error || cause instanceof TimeoutException) {
            return cause.getClass().getSimpleName() + ": " + message;
        }
        return message;
    }
}
