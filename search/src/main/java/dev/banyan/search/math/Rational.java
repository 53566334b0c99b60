package dev.banyan.search.math;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact rational number over {@link BigInteger}, always in lowest terms with a positive denominator.
 * Every result larger than {@link #MAX_BITS} bits throws {@link TooBig}, so no answer can make the
 * arithmetic run away.
 */
record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {

    /** Largest numerator or denominator, in bits, that any operation may produce. */
    static final int MAX_BITS = 20_000;

    static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    /** Thrown when a result would exceed {@link #MAX_BITS}. */
    static final class TooBig extends ArithmeticException {
        TooBig() {
            super("number too large");
        }
    }

    Rational {
        if (den.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (num.bitLength() > MAX_BITS || den.bitLength() > MAX_BITS) {
            throw new TooBig();
        }
    }

    static Rational of(long n) {
        return new Rational(BigInteger.valueOf(n), BigInteger.ONE);
    }

    static Rational of(BigInteger n, BigInteger d) {
        if (d.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (d.signum() < 0) {
            n = n.negate();
            d = d.negate();
        }
        BigInteger g = n.gcd(d);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            n = n.divide(g);
            d = d.divide(g);
        }
        return new Rational(n, d.signum() == 0 ? BigInteger.ONE : d);
    }

    /** Parses a plain decimal literal: digits with an optional point and fraction ({@code 18}, {@code 0.5}, {@code .5}). */
    static Rational parseDecimal(String s) {
        if (s.length() > MAX_BITS / 3) {
            throw new TooBig();
        }
        BigDecimal d = new BigDecimal(s);
        BigInteger unscaled = d.unscaledValue();
        int scale = d.scale();
        if (scale <= 0) {
            return of(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
        }
        return of(unscaled, BigInteger.TEN.pow(scale));
    }

    boolean isInteger() {
        return den.equals(BigInteger.ONE);
    }

    int signum() {
        return num.signum();
    }

    Rational add(Rational o) {
        return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Rational subtract(Rational o) {
        return add(o.negate());
    }

    Rational multiply(Rational o) {
        return of(num.multiply(o.num), den.multiply(o.den));
    }

    /** The quotient; throws {@link ArithmeticException} on division by zero. */
    Rational divide(Rational o) {
        return of(num.multiply(o.den), den.multiply(o.num));
    }

    Rational negate() {
        return new Rational(num.negate(), den);
    }

    /** This to an integer power; the result must fit in {@link #MAX_BITS}, checked before computing. */
    Rational pow(int e) {
        if (e < 0) {
            return ONE.divide(pow(-e));
        }
        long bits = (long) Math.max(num.bitLength(), den.bitLength()) * e;
        if (bits > MAX_BITS) {
            throw new TooBig();
        }
        return new Rational(num.pow(e), den.pow(e));
    }

    @Override
    public int compareTo(Rational o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    /** The canonical text: {@code 18}, {@code -3/4}. */
    @Override
    public String toString() {
        return isInteger() ? num.toString() : num + "/" + den;
    }
}
