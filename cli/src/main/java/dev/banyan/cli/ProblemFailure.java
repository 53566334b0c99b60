package dev.banyan.cli;

/** A search that failed on one problem; the message names the problem and the underlying cause. */
final class ProblemFailure extends RuntimeException {
    ProblemFailure(String id, Throwable cause) {
        super("problem " + id + ": " + Main.rootCause(cause).getMessage(), cause);
    }
}
