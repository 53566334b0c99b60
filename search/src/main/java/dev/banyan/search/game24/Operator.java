package dev.banyan.search.game24;

/** The four operations of Game of 24, with their symbols and precedence. */
public enum Operator {
    PLUS('+', 1),
    MINUS('-', 1),
    TIMES('*', 2),
    DIVIDE('/', 2);

    private final char symbol;
    private final int precedence;

    Operator(char symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public char symbol() {
        return symbol;
    }

    /** 1 for + and -, 2 for * and /. */
    int precedence() {
        return precedence;
    }

    /** Whether {@code a op (b op' c)} equals {@code a op b op' c} for operators of this one's precedence. */
    boolean regroupsOnTheRight() {
        return this == PLUS || this == TIMES;
    }

    /** {@code left op right}; throws {@link ArithmeticException} on division by zero or overflow. */
    public Fraction apply(Fraction left, Fraction right) {
        return switch (this) {
            case PLUS -> left.plus(right);
            case MINUS -> left.minus(right);
            case TIMES -> left.times(right);
            case DIVIDE -> left.dividedBy(right);
        };
    }

    /** The operator written as {@code symbol}. */
    public static Operator ofSymbol(char symbol) {
        return switch (symbol) { // not values(), which copies the array on every call
            case '+' -> PLUS;
            case '-' -> MINUS;
            case '*' -> TIMES;
            case '/' -> DIVIDE;
            default -> throw new IllegalArgumentException("not an operator: '" + symbol + "' (expected one of + - * /)");
        };
    }

    /** Whether {@code c} is one of {@code + - * /}. */
    static boolean isSymbol(char c) {
        return c == '+' || c == '-' || c == '*' || c == '/';
    }
}
