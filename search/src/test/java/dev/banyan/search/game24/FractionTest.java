package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FractionTest {

    @Test
    void normalisesSignAndLowestTerms() {
        Fraction f = Fraction.of(6, -8);
        assertThat(f.numerator()).isEqualTo(-3);
        assertThat(f.denominator()).isEqualTo(4);
        assertThat(f).isEqualTo(Fraction.of(-3, 4)).hasSameHashCodeAs(Fraction.of(-3, 4));
        assertThat(Fraction.of(0, -5)).isEqualTo(Fraction.ZERO);
        assertThat(Fraction.of(12, 4).isInteger()).isTrue();
    }

    @Test
    void arithmeticAgreesWithBigIntegerCrossMultiplication() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            Fraction a = randomFraction(random);
            Fraction b = randomFraction(random);
            assertRepresents(a.plus(b), num(a).multiply(den(b)).add(num(b).multiply(den(a))), den(a).multiply(den(b)));
            assertRepresents(a.minus(b), num(a).multiply(den(b)).subtract(num(b).multiply(den(a))), den(a).multiply(den(b)));
            assertRepresents(a.times(b), num(a).multiply(num(b)), den(a).multiply(den(b)));
            if (!b.isZero()) {
                assertRepresents(a.dividedBy(b), num(a).multiply(den(b)), den(a).multiply(num(b)));
            }
            int expectedOrder = num(a).multiply(den(b)).compareTo(num(b).multiply(den(a)));
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(expectedOrder);
        }
    }

    @Test
    void comparesExactlyWhereCrossProductsOverflowLong() {
        Fraction big = Fraction.of(Long.MAX_VALUE - 1, Long.MAX_VALUE);
        Fraction bigger = Fraction.of(Long.MAX_VALUE - 2, Long.MAX_VALUE - 1);
        // (M-1)/M vs (M-2)/(M-1): (M-1)^2 > M(M-2), so the first is larger.
        assertThat(big.compareTo(bigger)).isPositive();
        assertThat(bigger.compareTo(big)).isNegative();
        assertThat(Fraction.of(-Long.MAX_VALUE, 3).compareTo(Fraction.of(Long.MAX_VALUE, 3))).isNegative();
    }

    @Test
    void reportsDivisionByZeroAndOverflow() {
        assertThatThrownBy(() -> Fraction.of(7).dividedBy(Fraction.ZERO))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("division by zero: 7 / 0");
        assertThatThrownBy(() -> Fraction.of(1, 0))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("zero denominator");
        assertThatThrownBy(() -> Fraction.of(Long.MAX_VALUE).plus(Fraction.ONE)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fraction.of(Long.MAX_VALUE).times(Fraction.of(2))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void textRoundTrips() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 500; i++) {
            Fraction f = randomFraction(random);
            assertThat(Fraction.parse(f.toString())).isEqualTo(f);
        }
        assertThat(Fraction.of(1, 3)).hasToString("1/3");
        assertThat(Fraction.of(-7)).hasToString("-7");
        assertThat(Fraction.parse("4/6")).isEqualTo(Fraction.of(2, 3));
    }

    @Test
    void parseSaysWhatItExpected() {
        for (String bad : new String[] {"", "x", "+3", "1.5", "1/0", "1/-3", "--2", "3/", "99999999999999999999"}) {
            assertThatThrownBy(() -> Fraction.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a number: '" + bad + "'")
                    .hasMessageContaining("such as 1/3");
        }
    }

    private static Fraction randomFraction(SplittableRandom random) {
        return Fraction.of(random.nextLong(-100_000, 100_000), random.nextLong(1, 100_000));
    }

    private static BigInteger num(Fraction f) {
        return BigInteger.valueOf(f.numerator());
    }

    private static BigInteger den(Fraction f) {
        return BigInteger.valueOf(f.denominator());
    }

    private static void assertRepresents(Fraction actual, BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        assertThat(BigInteger.valueOf(actual.numerator())).isEqualTo(numerator.divide(gcd));
        assertThat(BigInteger.valueOf(actual.denominator())).isEqualTo(denominator.divide(gcd));
    }
}
