package dev.banyan.search.game24;

import java.util.ArrayList;
import java.util.List;

/**
 * An arithmetic expression over numbers with {@code + - * /} and parentheses, as in an answer line
 * {@code (13 - 9) * (10 - 4)}. Parsed with the usual precedence, left to right; written back with only the
 * parentheses the precedence needs.
 */
sealed interface Expression {
    /** The most binding level, above every operator's. */
    int ATOM_PRECEDENCE = 3;

    /** The exact value; throws {@link ArithmeticException} on a division by zero. */
    Fraction value();

    /** The numbers it uses, left to right. */
    List<Fraction> leaves();

    int precedence();

    /** The text, e.g. {@code (1 + 2) * 3 + 4}. */
    String format();

    /**
     * Reads an expression of integers, {@code + - * /} and parentheses; {@code 1/3} is a division. A minus
     * directly before a number where an operand is expected makes a negative number, as a question such as
     * {@code -1 2 3 4} needs: {@code (4 + 2) * (3 - (-1))} and {@code 3 - -1} both use {@code -1}. A minus
     * before a parenthesis is not accepted (it would use a number the question does not have). Throws {@link IllegalArgumentException} saying what was expected where.
     */
    static Expression parse(String text) {
        TextCursor cursor = new TextCursor(text, "expression");
        Expression expression = sum(cursor);
        cursor.skipSpaces();
        if (!cursor.atEnd()) {
            throw cursor.error("an operator or the end of the expression");
        }
        return expression;
    }

    private static Expression sum(TextCursor cursor) {
        Expression expression = product(cursor);
        while (true) {
            cursor.skipSpaces();
            char c = cursor.peek();
            if (c != '+' && c != '-') {
                return expression;
            }
            cursor.next();
            expression = new Binary(expression, Operator.ofSymbol(c), product(cursor));
        }
    }

    private static Expression product(TextCursor cursor) {
        Expression expression = atom(cursor);
        while (true) {
            cursor.skipSpaces();
            char c = cursor.peek();
            if (c != '*' && c != '/') {
                return expression;
            }
            cursor.next();
            expression = new Binary(expression, Operator.ofSymbol(c), atom(cursor));
        }
    }

    private static Expression atom(TextCursor cursor) {
        cursor.skipSpaces();
        if (cursor.consume("(")) {
            Expression inner = sum(cursor);
            cursor.skipSpaces();
            cursor.expect(")", "')'");
            return inner;
        }
        if (cursor.peek() == '-') {
            return new Number(cursor.signedInteger("a number or '('"));
        }
        return new Number(cursor.integer("a number or '('"));
    }

    /** A number; one that is not a non-negative integer is written in parentheses, e.g. {@code (1/3)}. */
    record Number(Fraction value) implements Expression {
        @Override
        public List<Fraction> leaves() {
            return List.of(value);
        }

        @Override
        public int precedence() {
            return ATOM_PRECEDENCE;
        }

        @Override
        public String format() {
            return value.isInteger() && value.signum() >= 0 ? value.toString() : "(" + value + ")";
        }
    }

    /** {@code left operator right}. */
    record Binary(Expression left, Operator operator, Expression right) implements Expression {
        @Override
        public Fraction value() {
            return operator.apply(left.value(), right.value());
        }

        @Override
        public List<Fraction> leaves() {
            List<Fraction> leaves = new ArrayList<>(left.leaves());
            leaves.addAll(right.leaves());
            return leaves;
        }

        @Override
        public int precedence() {
            return operator.precedence();
        }

        @Override
        public String format() {
            boolean wrapLeft = left.precedence() < operator.precedence();
            boolean wrapRight = right.precedence() < operator.precedence()
                    || right.precedence() == operator.precedence() && !operator.regroupsOnTheRight();
            return wrap(left, wrapLeft) + " " + operator.symbol() + " " + wrap(right, wrapRight);
        }

        private static String wrap(Expression expression, boolean parenthesise) {
            return parenthesise ? "(" + expression.format() + ")" : expression.format();
        }
    }
}
