package dev.banyan.api;

/** A model directory that cannot be opened: the message names the file and what was expected of it. */
public final class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
