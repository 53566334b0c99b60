package dev.banyan.engine.template;

import java.util.List;

/** Statements of a parsed template; {@code pos} is the offset of the tag in the source. */
sealed interface Node {
    int pos();

    /** Literal text, after whitespace control. */
    record Text(int pos, String text) implements Node { }

    /** {@code {{ expr }}}. */
    record Output(int pos, Expr expr) implements Node { }

    /** {@code if} / {@code elif}… / {@code else}: {@code conditions.get(i)} guards {@code bodies.get(i)}. */
    record If(int pos, List<Expr> conditions, List<List<Node>> bodies, List<Node> orElse) implements Node { }

    /** {@code for a[, b…] in iterable [if filter]} … {@code else} … {@code endfor}. */
    record For(int pos, List<String> targets, Expr iterable, Expr filter, List<Node> body, List<Node> orElse)
            implements Node { }

    /** {@code set name = value}, {@code set name.attr = value}, or the block form (value null, body set). */
    record Set(int pos, String name, String attr, Expr value, List<Node> body) implements Node { }

    /** {@code macro name(params)}; a null default means the parameter is required. */
    record Macro(int pos, String name, List<String> params, List<Expr> defaults, List<Node> body) implements Node { }

    /** {@code break} (loop controls, as transformers enables them). */
    record Break(int pos) implements Node { }

    /** {@code continue}. */
    record Continue(int pos) implements Node { }
}
