package dev.banyan.engine.template;

/** One lexeme of a template: literal text, a tag delimiter, or a piece of an expression. */
record Token(Kind kind, String text, int pos) {

    enum Kind { TEXT, VAR_BEGIN, VAR_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INT, FLOAT, OP, EOF }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String t) {
        return is(Kind.OP, t);
    }

    boolean isName(String t) {
        return is(Kind.NAME, t);
    }

    String describe() {
        return switch (kind) {
            case EOF -> "end of template";
            case TEXT -> "text";
            case VAR_END -> "'}}'";
            case BLOCK_END -> "'%}'";
            case VAR_BEGIN -> "'{{'";
            case BLOCK_BEGIN -> "'{%'";
            case STRING -> "string literal";
            default -> "'" + text + "'";
        };
    }
}
