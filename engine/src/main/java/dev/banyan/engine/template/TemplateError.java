package dev.banyan.engine.template;

/**
 * An error inside the interpreter, at an offset in the template source; {@link ChatTemplate} turns it into a
 * {@link ChatTemplateException} naming the source, line and column. Helpers that do not know where they are
 * throw it with no position; the evaluator fills in the expression it was evaluating.
 */
final class TemplateError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Offset in the source, or -1 until the evaluator knows it. */
    int pos;

    TemplateError(String message) {
        this(-1, message);
    }

    TemplateError(int pos, String message) {
        super(message, null, false, false);
        this.pos = pos;
    }
}
