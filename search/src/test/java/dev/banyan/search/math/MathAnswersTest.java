package dev.banyan.search.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One case or more per extraction and normalisation rule; {@code |} separates the two answers compared. */
class MathAnswersTest {

    @ParameterizedTest(name = "extract({0}) = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "So she makes $18.\nA: 18"                                           | 18
            "First line\n#### 1,000"                                             | 1,000
            "The answer is 42."                                                  | 42
            "the answer is: $7$."                                                | 7
            "The final answer is $\\boxed{5}$. I hope it is correct."            | 5
            "Final Answer: The final answer is $\\frac{1}{2}$. I hope it is correct." | \\frac{1}{2}
            "Final Answer: 12 dollars"                                           | 12 dollars
            "We get \\boxed{\\frac{\\sqrt{3}}{2}} and so on"                     | \\frac{\\sqrt{3}}{2}
            "\\boxed{1} first, then \\boxed{2}"                                  | 2
            "\\boxed 7"                                                          | 7
            "The answer is **18**."                                              | 18
            "The answer is \\(x+1\\)."                                           | x+1
            "A: 5 cents + 5 = 10\nmore\nA: 500000"                               | 500000
            "The answer is $18.50. That is all"                                  | $18.50
            "The answer is 3.5 hours. Next, we"                                  | 3.5 hours
            """)
    void extractsTheStatedAnswer(String text, String expected) {
        assertThat(MathAnswers.extract(unescape(text))).contains(unescape(expected));
    }

    @ParameterizedTest(name = "extract({0}) is empty")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""
            "No marker here, 25"
            "\\boxed{}"
            "The answer is \\boxed{ }"
            "Plan A: we go"
            "The answer is ."
            """)
    void statesNoAnswer(String text) {
        assertThat(MathAnswers.extract(text == null ? "" : unescape(text))).isEmpty();
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            18                         | 18.00
            18                         | $18
            18                         | \\$18
            18                         | \\boxed{18}
            18                         | 18 dollars
            18                         | 18.
            18                         | $18$
            18                         | \\(18\\)
            18                         | \\text{18}
            18                         | 18\\text{ cm}
            18                         | 18 \\mbox{cm}
            18                         | 18 square feet
            18                         | x = 18
            18                         | 018
            1000                       | 1,000
            1000                       | 1{,}000
            1000                       | 1\\,000
            1000000                    | 1,000,000
            -1800000000                | -1.8 billion
            2500                       | 2.5 thousand
            -3                         | -3.0
            1/2                        | 0.5
            1/2                        | .5
            1/2                        | \\frac{1}{2}
            1/2                        | \\dfrac{1}{2}
            1/2                        | \\tfrac{1}{2}
            1/2                        | \\frac12
            1/2                        | \\dfrac12
            1/2                        | 2/4
            -3/4                       | \\frac{-3}{4}
            -3/4                       | -\\frac{3}{4}
            -3/4                       | \\frac{3}{-4}
            3/2                        | 1\\frac{1}{2}
            3/2                        | 1\\frac12
            3/2                        | 1 1/2
            -3/2                       | -1\\frac{1}{2}
            50                         | 50%
            50                         | 50\\%
            90                         | 90^\\circ
            90                         | 90^{\\circ}
            90                         | 90°
            90                         | 90 degrees
            (1,2)                      | \\left( 1, 2 \\right)
            (1,2)                      | (1,\\!2)
            (1,2)                      | (1.0, \\frac{4}{2})
            "\\{1,2\\}"                | "\\{2,1\\}"
            "\\{1,2\\}"                | "\\left\\{ 2, 1 \\right\\}"
            "1, 2"                     | "2, 1"
            "[0, 1)"                   | "[0, \\frac{2}{2})"
            "(-\\infty, 2] \\cup (3, 4)" | "(3,4)\\cup(-\\infty,2]"
            2\\sqrt{2}                 | \\sqrt{8}
            2\\sqrt{2}                 | \\sqrt{2}\\cdot 2
            \\frac{\\sqrt{3}}{2}       | \\frac{1}{2}\\sqrt{3}
            \\sqrt[3]{16}              | 2\\sqrt[3]{2}
            3                          | \\sqrt{9}
            2\\pi                      | \\pi \\cdot 2
            \\frac{\\pi}{2}            | 0.5\\pi
            2x+3                       | 3+2x
            x^2-1                      | (x-1)(x+1)
            \\frac{x}{2}               | 0.5x
            2^{10}                     | 1024
            2^-1                       | 1/2
            5!                         | 120
            8^{1/3}                    | 2
            x_1 + 1                    | 1 + x_{1}
            \\sin x                    | \\sin(x)
            Yes                        | yes
            "\\text{(C)}"              | C
            """)
    void equivalent(String a, String b) {
        String x = unescape(a);
        String y = unescape(b);
        assertThat(MathAnswers.equivalent(x, y)).as(x + " vs " + y).isTrue();
        assertThat(MathAnswers.equivalent(y, x)).as(y + " vs " + x).isTrue();
        assertThat(MathAnswers.key(x)).as(x + " vs " + y).isEqualTo(MathAnswers.key(y));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            18                         | 26
            18                         | 18.01
            8.333333333333334          | \\frac{25}{3}
            0.5                        | 50%
            1,2                        | 1.2
            (1,2)                      | (2,1)
            (1,2)                      | [1,2]
            "[0, 1)"                   | "[0, 1]"
            "\\{1,2\\}"                | "\\{1,2,3\\}"
            2x+3                       | 2x+4
            2x                         | 2y
            \\sqrt{2}                  | \\sqrt{3}
            \\sqrt{2}                  | 1.41421356
            \\pi                       | 3.14159
            1/0                        | 0
            1/0                        | 1
            10^10^10                   | 10
            yes                        | no
            -3                         | 3
            """)
    void different(String a, String b) {
        String x = unescape(a);
        String y = unescape(b);
        assertThat(MathAnswers.equivalent(x, y)).as(x + " vs " + y).isFalse();
        assertThat(MathAnswers.equivalent(y, x)).as(y + " vs " + x).isFalse();
        assertThat(MathAnswers.key(x)).as(x + " vs " + y).isNotEqualTo(MathAnswers.key(y));
    }

    @ParameterizedTest(name = "key({0}) = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            18                  | 18
            $1,000.00           | 1000
            -0.75               | -3/4
            \\dfrac{6}{8}       | 3/4
            "(1, 0.5)"          | (1,1/2)
            "\\{3, 1, 2, 1\\}"  | {1,2,3}
            "[-1, 2)"           | [-1,2)
            x - x               | 0
            Hello World         | helloworld
            """)
    void keys(String answer, String key) {
        assertThat(MathAnswers.key(unescape(answer))).isEqualTo(key);
    }

    /** CSV cells write a backslash as {@code \\} and a newline as {@code \n}. */
    static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\\\", "\\");
    }
}
