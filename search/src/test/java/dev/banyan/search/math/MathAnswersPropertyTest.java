package dev.banyan.search.math;

import dev.banyan.search.tasks.Grade;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over generated answers, from fixed seeds (a failure names its seed and case): equivalence is
 * reflexive, symmetric and agrees with the keys, on garbage as on answers; and one exact rational written in
 * any two supported notations is equivalent to itself and has one key, its canonical text.
 */
class MathAnswersPropertyTest {

    private static final int CASES = 2_000;
    private static final String[] GARBAGE = {"\\frac", "\\dfrac", "\\sqrt", "\\boxed", "\\text", "{", "}", "(", ")",
        "[", "]", "\\{", "\\}", ",", ".", "-", "+", "*", "/", "^", "_", "!", "$", "\\$", "%", "\\%", " ", "x", "y",
        "\\pi", "\\infty", "\\cdot", "\\left(", "\\right)", "\\,", "\\!", "^\\circ", "\\cup", "=", "dollars", "cm",
        "\uFFFD", "\u0000", "\n", "0", "1", "2", "7", "12", "1,000", "0.5", "A:", "The answer is", "####"};
    private static final int[] DENOMINATORS = {1, 1, 1, 2, 3, 4, 5, 7, 8, 10, 12, 16, 20, 25, 100, 1000, 9973};

    @Test
    void equivalenceIsReflexiveSymmetricAndAgreesWithKeys() {
        Random random = new Random(20_24);
        for (int i = 0; i < CASES; i++) {
            String a = answer(random);
            String b = random.nextInt(3) == 0 ? a.strip() + (random.nextBoolean() ? "." : " ") : answer(random);
            String c = "case " + i + ": [" + a + "] vs [" + b + "]";
            assertThat(MathAnswers.equivalent(a, a)).as(c).isTrue();
            boolean ab = MathAnswers.equivalent(a, b);
            assertThat(MathAnswers.equivalent(b, a)).as(c).isEqualTo(ab);
            assertThat(MathAnswers.key(a).equals(MathAnswers.key(b))).as(c).isEqualTo(ab);
            Grade g = MathAnswers.grade(a, b);
            assertThat(g.reason()).as(c).isNotBlank();
            if (g.goldAnswer() != null && g.predictedAnswer() != null) {
                assertThat(g.equal()).as(c).isEqualTo(MathAnswers.equivalent(g.goldAnswer(), g.predictedAnswer()));
            }
        }
    }

    @Test
    void aRationalInAnyNotationIsOneAnswer() {
        Random random = new Random(7);
        for (int i = 0; i < CASES; i++) {
            Rational r = rational(random);
            List<String> forms = notations(r, random);
            String a = forms.get(random.nextInt(forms.size()));
            String b = forms.get(random.nextInt(forms.size()));
            String c = "case " + i + ": " + r + " as [" + a + "] and [" + b + "]";
            assertThat(MathAnswers.equivalent(a, b)).as(c).isTrue();
            assertThat(MathAnswers.key(a)).as(c).isEqualTo(r.toString()).isEqualTo(MathAnswers.key(b));
            assertThat(MathAnswers.grade("#### " + a, "The answer is " + b + ".").equal()).as(c).isTrue();
        }
    }

    @Test
    void differentRationalsHaveDifferentKeys() {
        Random random = new Random(99);
        for (int i = 0; i < CASES; i++) {
            Rational r = rational(random);
            Rational s = rational(random);
            List<String> rs = notations(r, random);
            List<String> ss = notations(s, random);
            String a = rs.get(random.nextInt(rs.size()));
            String b = ss.get(random.nextInt(ss.size()));
            assertThat(MathAnswers.equivalent(a, b)).as("[" + a + "] vs [" + b + "]").isEqualTo(r.equals(s));
        }
    }

    // ------------------------------------------------------------------ generators

    private static String answer(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                StringBuilder b = new StringBuilder();
                int n = random.nextInt(12);
                for (int k = 0; k < n; k++) {
                    b.append(GARBAGE[random.nextInt(GARBAGE.length)]);
                }
                yield b.toString();
            }
            case 1 -> {
                List<String> forms = notations(rational(random), random);
                yield forms.get(random.nextInt(forms.size()));
            }
            default -> expression(random, 3);
        };
    }

    private static String expression(Random random, int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return switch (random.nextInt(4)) {
                case 0 -> "x";
                case 1 -> "\\pi";
                case 2 -> "\\sqrt{" + random.nextInt(20) + "}";
                default -> Integer.toString(random.nextInt(10));
            };
        }
        String a = expression(random, depth - 1);
        String b = expression(random, depth - 1);
        return switch (random.nextInt(5)) {
            case 0 -> a + "+" + b;
            case 1 -> a + "-" + b;
            case 2 -> "(" + a + ")(" + b + ")";
            case 3 -> "\\frac{" + a + "}{" + b + "}";
            default -> "(" + a + ")^{" + random.nextInt(4) + "}";
        };
    }

    private static Rational rational(Random random) {
        int digits = 1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 7);
        BigInteger n = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        if (random.nextBoolean()) {
            n = n.negate();
        }
        return Rational.of(n, BigInteger.valueOf(DENOMINATORS[random.nextInt(DENOMINATORS.length)]));
    }

    /** Every supported notation of r, each with a random wrapping (box, dollars, a unit word, math delimiters). */
    static List<String> notations(Rational r, Random random) {
        BigInteger a = r.num();
        BigInteger b = r.den();
        String sign = a.signum() < 0 ? "-" : "";
        BigInteger abs = a.abs();
        List<String> plain = new ArrayList<>();
        List<String> forms = new ArrayList<>();
        if (r.isInteger()) {
            plain.add(a.toString());
            plain.add(sign + thousands(abs.toString()));
        }
        BigDecimal decimal = terminatingDecimal(r);
        if (decimal != null) {
            plain.add(decimal.toPlainString());
            plain.add(decimal.setScale(decimal.scale() + 2).toPlainString());
            String digits = decimal.abs().toPlainString();
            int point = digits.indexOf('.');
            plain.add(sign + (point < 0 ? thousands(digits) : thousands(digits.substring(0, point)) + digits.substring(point)));
        }
        forms.addAll(plain);
        forms.add(a + "/" + b);
        forms.add("\\frac{" + a + "}{" + b + "}");
        forms.add(sign + "\\dfrac{" + abs + "}{" + b + "}");
        forms.add("\\tfrac{" + abs.negate().multiply(BigInteger.valueOf(a.signum())).negate() + "}{" + b + "}");
        if (abs.compareTo(BigInteger.TEN) < 0 && b.compareTo(BigInteger.TEN) < 0 && !r.isInteger()) {
            forms.add(sign + "\\frac" + abs + b);
        }
        if (!r.isInteger() && abs.compareTo(b) > 0) {
            BigInteger[] qr = abs.divideAndRemainder(b);
            forms.add(sign + qr[0] + "\\frac{" + qr[1] + "}{" + b + "}");
            forms.add(sign + qr[0] + " " + qr[1] + "/" + b);
        }
        List<String> wrapped = new ArrayList<>();
        for (String f : forms) {
            wrapped.add(wrap(f, plain.contains(f), random));
        }
        return wrapped;
    }

    private static String wrap(String form, boolean plainNumber, Random random) {
        return switch (random.nextInt(plainNumber ? 9 : 6)) {
            case 0 -> "\\boxed{" + form + "}";
            case 1 -> "$" + form + "$";
            case 2 -> form + "\\text{ cm}";
            case 3 -> form + " dollars";
            case 4 -> "\\(" + form + "\\)";
            case 5 -> form;
            case 6 -> form.startsWith("-") ? "-$" + form.substring(1) : "$" + form;
            case 7 -> form + "\\%";
            default -> "\\boxed{\\$" + form + "}";
        };
    }

    private static String thousands(String digits) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                b.append(',');
            }
            b.append(digits.charAt(i));
        }
        return b.toString();
    }

    private static BigDecimal terminatingDecimal(Rational r) {
        try {
            return new BigDecimal(r.num()).divide(new BigDecimal(r.den()));
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
    }
}
