package dev.banyan.cli;

/** A search that failed on one problem; the message names the problem and the underlying cause. */
final class ProblemFailure extends RuntimeException {
    ProblemFailure(String id, Throwable cause) {
        super("problem " + id + ": " + describe(cause), cause);
    }

    /**
     * What went wrong, in one line: the root cause's message, after its type when that is an {@link Error}, a
     * timeout, or when it has no message ({@code OutOfMemoryError: Java heap space}).
     */
    static String describe(Throwable failure) {
        Throwable cause = Main.rootCause(failure);
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        if (cause instanceof Error || cause instanceof java.util.concurrent.TimeoutException) {
            return cause.getClass().getSimpleName() + ": " + message;
        }
        return message;
    }
}
