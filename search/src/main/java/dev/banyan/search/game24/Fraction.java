package dev.banyan.search.game24;

/**
 * An exact rational number: numerator and denominator in lowest terms, the denominator positive. Game of 24
 * needs exact arithmetic ({@code 8 / (3 - 8 / 3)} is 24 exactly, not 23.999…). Arithmetic that would
 * overflow {@code long} throws {@link ArithmeticException}; four numbers up to 13 never come close.
 *
 * <p>The text form is {@code 7}, {@code -7} or {@code 1/3}; {@link #parse} reads it back.
 */
public final class Fraction implements Comparable<Fraction> {
    public static final Fraction ZERO = new Fraction(0, 1);
    public static final Fraction ONE = new Fraction(1, 1);

    private final long numerator;
    private final long denominator;

    private Fraction(long numerator, long denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public static Fraction of(long integer) {
        return new Fraction(integer, 1);
    }

    /** The fraction {@code numerator / denominator} in lowest terms; throws on a zero denominator. */
    public static Fraction of(long numerator, long denominator) {
        if (denominator == 0) {
            throw new ArithmeticException("zero denominator in " + numerator + "/" + denominator);
        }
        if (denominator < 0) {
            numerator = Math.negateExact(numerator);
            denominator = Math.negateExact(denominator);
        }
        long gcd = gcd(Math.abs(numerator), denominator);
        return new Fraction(numerator / gcd, denominator / gcd);
    }

    /** Reads {@code 7}, {@code -7} or {@code 1/3} (no spaces); the message says what was expected. */
    public static Fraction parse(String text) {
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                return of(parseInteger(text));
            }
            return of(parseInteger(text.substring(0, slash)), parseUnsigned(text.substring(slash + 1)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a number: '" + text
                    + "' (expected an integer such as 7 or a fraction such as 1/3)", e);
        }
    }

    private static long parseInteger(String text) {
        return text.startsWith("-") ? Math.negateExact(parseUnsigned(text.substring(1))) : parseUnsigned(text);
    }

    /** Digits only: {@link Long#parseLong} alone would also take a '+' sign. */
    private static long parseUnsigned(String digits) {
        // A plain loop: the search parses numbers on every step, and a stream here was most of its allocation.
        boolean digitsOnly = !digits.isEmpty();
        for (int i = 0; i < digits.length() && digitsOnly; i++) {
            char c = digits.charAt(i);
            digitsOnly = c >= '0' && c <= '9';
        }
        if (!digitsOnly) {
            throw new NumberFormatException("not digits: '" + digits + "'");
        }
        return Long.parseLong(digits);
    }

    public long numerator() {
        return numerator;
    }

    /** Always positive. */
    public long denominator() {
        return denominator;
    }

    public boolean isInteger() {
        return denominator == 1;
    }

    public boolean isZero() {
        return numerator == 0;
    }

    public int signum() {
        return Long.signum(numerator);
    }

    public Fraction plus(Fraction other) {
        return of(Math.addExact(Math.multiplyExact(numerator, other.denominator),
                        Math.multiplyExact(other.numerator, denominator)),
                Math.multiplyExact(denominator, other.denominator));
    }

    public Fraction minus(Fraction other) {
        return plus(other.negate());
    }

    public Fraction times(Fraction other) {
        return of(Math.multiplyExact(numerator, other.numerator), Math.multiplyExact(denominator, other.denominator));
    }

    /** Throws {@link ArithmeticException} when {@code divisor} is zero. */
    public Fraction dividedBy(Fraction divisor) {
        if (divisor.isZero()) {
            throw new ArithmeticException("division by zero: " + this + " / 0");
        }
        return of(Math.multiplyExact(numerator, divisor.denominator), Math.multiplyExact(denominator, divisor.numerator));
    }

    public Fraction negate() {
        return new Fraction(Math.negateExact(numerator), denominator);
    }

    /** Numeric order; exact for every pair (the cross products are compared in 128 bits). */
    @Override
    public int compareTo(Fraction other) {
        long leftHigh = Math.multiplyHigh(numerator, other.denominator);
        long rightHigh = Math.multiplyHigh(other.numerator, denominator);
        if (leftHigh != rightHigh) {
            return Long.compare(leftHigh, rightHigh);
        }
        return Long.compareUnsigned(numerator * other.denominator, other.numerator * denominator);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fraction f && numerator == f.numerator && denominator == f.denominator;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(numerator) * 31 + Long.hashCode(denominator);
    }

    /** {@code 7}, {@code -7} or {@code 1/3}. */
    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }
}
