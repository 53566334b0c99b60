package dev.banyan.engine.template;

import java.util.List;
import java.util.Map;

/** Expressions of a parsed template; {@code pos} is the offset of the expression's first token. */
sealed interface Expr {
    int pos();

    /** A string, number, boolean or none literal. */
    record Literal(int pos, Object value) implements Expr { }

    /** A variable. */
    record Name(int pos, String name) implements Expr { }

    /** {@code [a, b]} or {@code (a, b)}. */
    record ListLit(int pos, List<Expr> items) implements Expr { }

    /** {@code {k: v, …}}. */
    record DictLit(int pos, List<Expr> keys, List<Expr> values) implements Expr { }

    /** {@code target.name}. */
    record Attr(int pos, Expr target, String name) implements Expr { }

    /** {@code target[index]}. */
    record Item(int pos, Expr target, Expr index) implements Expr { }

    /** {@code target[start:stop:step]}; absent parts are null. */
    record Slice(int pos, Expr target, Expr start, Expr stop, Expr step) implements Expr { }

    /** {@code callee(args, name=value…)}. */
    record Call(int pos, Expr callee, List<Expr> args, Map<String, Expr> kwargs) implements Expr { }

    /** {@code target | name(args…)}. */
    record Filter(int pos, Expr target, String name, List<Expr> args, Map<String, Expr> kwargs) implements Expr { }

    /** {@code target is [not] name(args…)}. */
    record Test(int pos, Expr target, String name, List<Expr> args, boolean negated) implements Expr { }

    /** {@code not x}, {@code -x}, {@code +x}. */
    record Unary(int pos, String op, Expr operand) implements Expr { }

    /** Arithmetic, {@code ~}, comparisons, {@code in}, {@code not in}, {@code and}, {@code or}. */
    record Binary(int pos, String op, Expr left, Expr right) implements Expr { }

    /** {@code then if cond else orElse}; orElse may be null (undefined). */
    record Cond(int pos, Expr cond, Expr then, Expr orElse) implements Expr { }
}
