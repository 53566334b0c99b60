package dev.banyan.search.math;

import java.math.BigInteger;

/**
 * A parsed arithmetic expression, evaluated exactly over the rationals at a {@link Point}.
 *
 * <p>Symbols (variables, {@code \pi}, {@code \infty}) take a fixed pseudo-random rational value at each
 * point; so do irrational atoms such as the square-free part of a square root or {@code \sin(1)}, as a
 * function of their exact argument. Two expressions that agree at several points are then taken to be the
 * same expression. Evaluation throws {@link ArithmeticException} where the expression is undefined at the
 * point (division by zero), {@link Rational.TooBig} when a value grows past the size cap, and
 * {@link Deadline.Expired} when time is up.
 */
sealed interface Expr {

    /** Largest argument of a factorial, and largest index of a root. */
    int MAX_FACTORIAL = 1000;

    Rational eval(Point p);

    /** One evaluation point: the values of every symbol and atom, derived from the point's index. */
    record Point(int index, Deadline deadline) {

        /** The value of a named symbol at this point: a small nonzero rational, the same for equal names. */
        Rational symbol(String name) {
            deadline.check();
            return pseudoRandom(name.hashCode(), 0);
        }

        /** The value of an opaque atom, a function {@code fn} applied to the exact value {@code arg}. */
        Rational atom(String fn, Rational arg) {
            deadline.check();
            return pseudoRandom(fn.hashCode() * 31 + arg.hashCode(), 1);
        }

        private Rational pseudoRandom(int seed, int salt) {
            long h = mix(((long) seed << 32) ^ (index * 0x9E3779B97F4A7C15L) ^ salt);
            long n = 1 + Long.remainderUnsigned(h, 9973);
            long d = 1 + Long.remainderUnsigned(h >>> 24, 997);
            long sign = (h >>> 62) == 0 ? -1 : 1;
            return Rational.of(BigInteger.valueOf(sign * n), BigInteger.valueOf(d));
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    record Num(Rational value) implements Expr {
        public Rational eval(Point p) {
            return value;
        }
    }

    record Sym(String name) implements Expr {
        public Rational eval(Point p) {
            return p.symbol(name);
        }
    }

    record Neg(Expr e) implements Expr {
        public Rational eval(Point p) {
            return e.eval(p).negate();
        }
    }

    record Add(Expr a, Expr b) implements Expr {
        public Rational eval(Point p) {
            p.deadline().check();
            return a.eval(p).add(b.eval(p));
        }
    }

    record Mul(Expr a, Expr b) implements Expr {
        public Rational eval(Point p) {
            p.deadline().check();
            return a.eval(p).multiply(b.eval(p));
        }
    }

    record Div(Expr a, Expr b) implements Expr {
        public Rational eval(Point p) {
            p.deadline().check();
            return a.eval(p).divide(b.eval(p));
        }
    }

    record Pow(Expr base, Expr exponent) implements Expr {
        public Rational eval(Point p) {
            p.deadline().check();
            Rational e = exponent.eval(p);
            Rational b = base.eval(p);
            if (e.den().bitLength() > 31 || e.num().bitLength() > 31) {
                if (b.equals(Rational.ONE)) {
                    return b;
                }
                throw new Rational.TooBig();
            }
            int q = e.den().intValueExact();
            int n = e.num().intValueExact();
            return (q == 1 ? b : Roots.root(b, q, p)).pow(n);
        }
    }

    record Root(int index, Expr radicand) implements Expr {
        public Rational eval(Point p) {
            p.deadline().check();
            return Roots.root(radicand.eval(p), index, p);
        }
    }

    /** A function the evaluator does not interpret ({@code \sin}, {@code \log}): an opaque atom of its argument. */
    record Call(String fn, Expr arg) implements Expr {
        public Rational eval(Point p) {
            return p.atom(fn, arg.eval(p));
        }
    }

    record Factorial(Expr e) implements Expr {
        public Rational eval(Point p) {
            Rational v = e.eval(p);
            if (!v.isInteger() || v.signum() < 0) {
                throw new ArithmeticException("factorial of " + v);
            }
            if (v.num().bitLength() > 31 || v.num().intValue() > MAX_FACTORIAL) {
                throw new Rational.TooBig();
            }
            BigInteger f = BigInteger.ONE;
            for (int i = 2; i <= v.num().intValue(); i++) {
                p.deadline().check();
                f = f.multiply(BigInteger.valueOf(i));
            }
            return Rational.of(f, BigInteger.ONE);
        }
    }
}
