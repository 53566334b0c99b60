package dev.banyan.search.math;

import dev.banyan.search.tasks.Grade;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Inputs that must grade as "not equal", with a reason, quickly and without an exception. */
@Timeout(10)
class MathAnswersBadInputTest {

    private static final String GOLD = "She makes 9 * 2 = $<<9*2=18>>18.\nA: 18";

    private static Grade gradeQuickly(String prediction) {
        long start = System.nanoTime();
        Grade g = MathAnswers.grade(GOLD, prediction);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(g.reason()).isNotBlank();
        return g;
    }

    @Test
    void predictionWithNoAnswer() {
        Grade g = gradeQuickly("She makes 18 dollars a day");
        assertThat(g.equal()).isFalse();
        assertThat(g.predictedAnswer()).isNull();
        assertThat(g.goldAnswer()).isEqualTo("18");
        assertThat(g.reason()).isEqualTo("prediction states no answer");
    }

    @Test
    void emptyBox() {
        Grade g = gradeQuickly("So the total is \\boxed{}.");
        assertThat(g.equal()).isFalse();
        assertThat(g.reason()).isEqualTo("prediction states no answer");
        assertThat(MathAnswers.extract("\\boxed{}")).isEmpty();
    }

    @Test
    void unbalancedBraces() {
        for (String p : new String[] {"The answer is \\frac{1}{2", "\\boxed{\\frac{1}{2}", "A: {{{18", "A: 18}}}",
                "The answer is \\boxed{", "A: \\sqrt{", "A: ((((1)"}) {
            Grade g = gradeQuickly(p);
            assertThat(g.equal()).as(p).isFalse();
        }
    }

    @Test
    void hundredKilobyteLine() {
        Random random = new Random(7);
        StringBuilder b = new StringBuilder("A: ");
        String alphabet = "0123456789{}()[]\\^_$%.,+-*/ abcfrac\\boxed{";
        while (b.length() < 100_000) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        Grade g = gradeQuickly(b.toString());
        assertThat(g.equal()).isFalse();
        assertThat(gradeQuickly("A: " + "1".repeat(100_000)).equal()).isFalse();
        assertThat(gradeQuickly("\\boxed{".repeat(15_000)).equal()).isFalse();
        assertThat(gradeQuickly("A: " + "(".repeat(50_000) + "18" + ")".repeat(50_000)).equal()).isFalse();
        assertThat(gradeQuickly("A: " + "-".repeat(100_000) + "18").equal()).isFalse();
        assertThat(gradeQuickly("A: 18" + "!".repeat(100_000)).equal()).isFalse();
        assertThat(gradeQuickly("A: " + "A: ".repeat(30_000) + "x").equal()).isFalse();
    }

    @Test
    void nonUtf8Bytes() {
        byte[] bytes = new byte[4096];
        new Random(11).nextBytes(bytes);
        String garbage = new String(bytes, StandardCharsets.UTF_8);
        assertThat(garbage).contains("\uFFFD");
        assertThat(gradeQuickly(garbage).equal()).isFalse();
        Grade g = gradeQuickly("A: \uFFFD\uFFFD18\uFFFD");
        assertThat(g.equal()).isFalse();
        assertThat(g.reason()).startsWith("unparseable prediction");
    }

    @Test
    void fourHundredDigitNumber() {
        String big = "9".repeat(400);
        Grade g = gradeQuickly("A: " + big);
        assertThat(g.equal()).isFalse();
        assertThat(g.reason()).startsWith("different values 18 and 9999");
        assertThat(MathAnswers.equivalent(big, big + ".000")).isTrue();
        assertThat(MathAnswers.equivalent(big, "1" + "0".repeat(400) + "-1")).isTrue();
        assertThat(MathAnswers.grade("A: " + big, "A: " + big.substring(1) + "8").equal()).isFalse();
    }

    @Test
    void divisionByZero() {
        Grade g = gradeQuickly("A: 1/0");
        assertThat(g.equal()).isFalse();
        assertThat(g.reason()).isEqualTo("unparseable prediction '1/0' compared as text");
        assertThat(MathAnswers.equivalent("1/0", "2/0")).isFalse();
        assertThat(MathAnswers.equivalent("1/0", "0")).isFalse();
        assertThat(MathAnswers.equivalent("\\frac{1}{0}", "1")).isFalse();
    }

    @Test
    void exponentBlowUps() {
        for (String p : new String[] {"10^10^10", "10^{10^{10}}", "2^{2^{2^{2^{2^{2}}}}}", "(10^{100})!", "9^{9^9}",
                "\\sqrt[1000000]{2}", "x^{1000000000}", "10^{-10^{10}}", "1000000!"}) {
            Grade g = gradeQuickly("A: " + p);
            assertThat(g.equal()).as(p).isFalse();
            assertThat(MathAnswers.equivalent(p, p + " ")).as(p).isTrue();
        }
        assertThat(MathAnswers.equivalent("2^{10000}", "2^{5000}\\cdot 2^{5000}")).isTrue();
    }

    @Test
    void workOverTheDeadlineComparesAsText() {
        String heavy = "1000!+".repeat(300) + "1";
        long start = System.nanoTime();
        assertThat(MathAnswers.key(heavy)).isEqualTo(heavy);
        assertThat(MathAnswers.equivalent(heavy, heavy.replace("+", " + "))).isTrue();
        assertThat(MathAnswers.equivalent(heavy, "1")).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void nullsAndBlanks() {
        assertThat(MathAnswers.grade(null, "A: 18").reason()).isEqualTo("gold states no answer");
        assertThat(MathAnswers.grade("  ", "A: 18").reason()).isEqualTo("gold states no answer");
        assertThat(MathAnswers.grade("\\boxed{}", "A: 18").reason()).isEqualTo("gold states no answer");
        assertThat(MathAnswers.grade("A: 18", null).reason()).isEqualTo("prediction states no answer");
        assertThat(MathAnswers.extract(null)).isEmpty();
        assertThat(MathAnswers.key(null)).isEmpty();
        assertThat(MathAnswers.equivalent(null, null)).isTrue();
        assertThat(MathAnswers.equivalent(null, "1")).isFalse();
    }

    @Test
    void goldWithoutMarkerIsTakenWhole() {
        Grade g = MathAnswers.grade("\\frac{1}{2}", "The answer is 0.5.");
        assertThat(g.equal()).isTrue();
        assertThat(g.goldAnswer()).isEqualTo("\\frac{1}{2}");
        assertThat(g.reason()).isEqualTo("equal");
        Grade d = MathAnswers.grade("#### 18", "#### 26");
        assertThat(d.reason()).isEqualTo("different values 18 and 26");
    }
}
