package dev.banyan.search;

/** Whether an answer is correct, as far as can be told. */
public enum Verdict {
    CORRECT, WRONG, UNKNOWN;

    /** {@code true}, {@code false}, or {@code null} when unknown (for JSON output). */
    public Boolean asBoolean() {
        return this == UNKNOWN ? null : this == CORRECT;
    }
}
