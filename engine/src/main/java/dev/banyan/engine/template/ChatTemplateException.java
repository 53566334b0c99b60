package dev.banyan.engine.template;

/**
 * A chat template could not be loaded or rendered. The message names the source (the tokenizer config file, or
 * the name given to {@link ChatTemplate#parse}) and, for errors in the template itself, the line and column.
 */
public final class ChatTemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    ChatTemplateException(String source, int line, int column, String message, Throwable cause) {
        super(source + (line > 0 ? ":" + line + ":" + column : "") + ": " + message, cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The template's source: a file path (with the config key) or the caller's name for it. */
    public String source() {
        return source;
    }

    /** 1-based line of the error in the template text, or 0 when the error is not in the template text. */
    public int line() {
        return line;
    }

    /** 1-based column of the error in the template text, or 0 when the error is not in the template text. */
    public int column() {
        return column;
    }
}
