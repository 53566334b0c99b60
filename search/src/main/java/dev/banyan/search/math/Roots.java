package dev.banyan.search.math;

import java.math.BigInteger;

/**
 * Exact n-th roots of rationals, symbolic where irrational: {@code root(8, 2) = 2 * s(2)} where {@code s(2)}
 * is the opaque atom standing for the square root of 2. Perfect powers come out exact, small prime factors
 * are pulled out of the radical, and an even root of a negative number carries the atom of {@code -1}, so
 * {@code \sqrt{8}}, {@code 2\sqrt{2}} and {@code \sqrt{2}\cdot 2} all take the same value at every point.
 */
final class Roots {

    /** Largest root index evaluated; beyond it an expression is too big to compare. */
    static final int MAX_INDEX = 64;

    private static final int[] SMALL_PRIMES = primesBelow(1000);

    private Roots() {
    }

    /** The {@code n}-th root of {@code r} at point {@code p}. */
    static Rational root(Rational r, int n, Expr.Point p) {
        if (n < 1 || n > MAX_INDEX) {
            throw new Rational.TooBig();
        }
        if (n == 1 || r.signum() == 0) {
            return r;
        }
        if (r.signum() < 0) {
            Rational positive = root(r.negate(), n, p);
            return n % 2 == 1 ? positive.negate() : positive.multiply(p.atom("root" + n, Rational.of(-1)));
        }
        // (a/b)^(1/n) = (a * b^(n-1))^(1/n) / b
        if ((long) r.den().bitLength() * (n - 1) > Rational.MAX_BITS) {
            throw new Rational.TooBig();
        }
        BigInteger m = r.num().multiply(r.den().pow(n - 1));
        if (m.bitLength() > Rational.MAX_BITS) {
            throw new Rational.TooBig();
        }
        BigInteger outside = BigInteger.ONE;
        BigInteger inside = m;
        BigInteger exact = exactRoot(inside, n, p.deadline());
        if (exact == null) {
            for (int prime : SMALL_PRIMES) {
                p.deadline().check();
                BigInteger q = BigInteger.valueOf(prime);
                BigInteger qn = q.pow(n);
                if (qn.bitLength() > inside.bitLength()) {
                    break;
                }
                while (inside.mod(qn).signum() == 0) {
                    inside = inside.divide(qn);
                    outside = outside.multiply(q);
                }
            }
            exact = exactRoot(inside, n, p.deadline());
        }
        Rational factor = Rational.of(outside, r.den());
        if (exact != null) {
            return factor.multiply(Rational.of(exact, BigInteger.ONE));
        }
        return factor.multiply(p.atom("root" + n, Rational.of(inside, BigInteger.ONE)));
    }

    /** The integer {@code x} with {@code x^n = m}, or null when there is none; {@code m >= 0}. */
    static BigInteger exactRoot(BigInteger m, int n, Deadline deadline) {
        if (n == 2) {
            BigInteger[] sr = m.sqrtAndRemainder();
            return sr[1].signum() == 0 ? sr[0] : null;
        }
        BigInteger lo = BigInteger.ZERO;
        BigInteger hi = BigInteger.ONE.shiftLeft(m.bitLength() / n + 1);
        while (lo.compareTo(hi) <= 0) {
            deadline.check();
            BigInteger mid = lo.add(hi).shiftRight(1);
            int c = mid.pow(n).compareTo(m);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid.add(BigInteger.ONE);
            } else {
                hi = mid.subtract(BigInteger.ONE);
            }
        }
        return null;
    }

    private static int[] primesBelow(int limit) {
        boolean[] composite = new boolean[limit];
        int count = 0;
        for (int i = 2; i < limit; i++) {
            if (!composite[i]) {
                count++;
                for (int j = i * i; j < limit; j += i) {
                    composite[j] = true;
                }
            }
        }
        int[] primes = new int[count];
        for (int i = 2, k = 0; i < limit; i++) {
            if (!composite[i]) {
                primes[k++] = i;
            }
        }
        return primes;
    }
}
