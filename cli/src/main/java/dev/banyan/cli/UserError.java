package dev.banyan.cli;

/** A failure caused by the command's input; its message, naming the file and line, is all that is printed. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
