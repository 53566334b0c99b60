package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;

import dev.banyan.search.OutcomeVerifier;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Game24VerifierTest {
    private final OutcomeVerifier verifier = new Game24Task().verifier();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4 9 10 13 | Answer: (13 - 9) * (10 - 4) = 24",
            "4 9 10 13 | Answer:(10-4)*(13-9)",
            "3 3 8 8   | Answer: 8 / (3 - 8 / 3) = 24",
            "1 1 4 6   | Answer: 1 * 1 * 4 * 6 = 24",
            "1 1 4 6   | Answer: 4 * 6 / (1 * 1) = 25",
            "1 1 4 6   | '  Answer: 6 * 4 * (1 / 1) = 24  '",
    })
    void acceptsAnExpressionOfTheFourNumbersThatMakes24(String question, String answer) {
        assertThat(verify(question, answer)).isEqualTo(Verdict.CORRECT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4 9 10 13 | Answer: (13 - 9) + (10 - 4) = 24",
            "4 9 10 13 | Answer: 4 * 6 = 24",
            "1 1 4 6   | Answer: 4 * 6 * 1 = 24",
            "1 1 4 6   | Answer: 4 * 6 * 1 * 1 * 1 = 24",
            "1 1 4 6   | Answer: 4 * 6 * 1 * 4 / 4 = 24",
            "1 1 4 6   | Answer: 4 * 6 / (1 - 1) = 24",
            "1 1 4 6   | Answer: (4 * 6 * 1 * 1 = 24",
            "1 1 4 6   | Answer:",
            "1 1 4 6   | Answer: 24",
            "1 1 4 6   | 4 * 6 = 24 (left: 1 1 24)",
            "1 1 4 6   | answer: 1 * 1 * 4 * 6 = 24",
    })
    void rejectsWrongValuesWrongOrReusedNumbersAndMalformedAnswers(String question, String answer) {
        assertThat(verify(question, answer)).isEqualTo(Verdict.WRONG);
    }

    @Test
    void judgesOnlyTheAnswerLine() {
        ReasoningPath slipped = ReasoningPath.of("4 9 10 13", List.of(
                "13 - 9 = 5 (left: 4 5 10)", "10 - 4 = 6 (left: 5 6)", "Answer: (13 - 9) * (10 - 4) = 24"));
        assertThat(verifier.verify(slipped, null)).isEqualTo(Verdict.CORRECT);
        ReasoningPath noAnswer = ReasoningPath.of("4 9 10 13", List.of("13 - 9 = 4 (left: 4 4 10)"));
        assertThat(verifier.verify(noAnswer, null)).isEqualTo(Verdict.WRONG);
        assertThat(verifier.verify(ReasoningPath.of("4 9 10 13"), null)).isEqualTo(Verdict.WRONG);
    }

    @Test
    void ignoresTheGroundTruth() {
        ReasoningPath right = ReasoningPath.of("4 9 10 13", List.of("Answer: (13 - 9) * (10 - 4) = 24"));
        assertThat(verifier.verify(right, "something else entirely")).isEqualTo(Verdict.CORRECT);
        ReasoningPath wrong = ReasoningPath.of("4 9 10 13", List.of("Answer: 13 + 9 + 10 + 4 = 36"));
        assertThat(verifier.verify(wrong, "13 + 9 + 10 + 4 = 36")).isEqualTo(Verdict.WRONG);
    }

    private Verdict verify(String question, String answer) {
        return verifier.verify(ReasoningPath.of(question, List.of(answer)), null);
    }
}
