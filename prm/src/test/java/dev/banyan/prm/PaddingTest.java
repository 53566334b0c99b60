package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A path's score does not depend on what shares its pass: rows are left-padded (graphs with KV) or right-padded
 * (graphs without, which number positions 0..S-1 whatever the mask), and masked. Tolerance 1e-5.
 */
class PaddingTest {
    private static final ReasoningPath TARGET = Fixtures.path(Fixtures.SOLUTION, 2);
    private static final List<ReasoningPath> OTHERS = List.of(
            ReasoningPath.of(Fixtures.QUESTION, List.of("1")),
            ReasoningPath.of(Fixtures.QUESTION, List.of("9 * 10 = 90 (left: 4 13 90)", "90 - 13 = 77 (left: 4 77)",
                    "77 + 4 = 81 (left: 81)", "Answer: 9 * 10 - 13 + 4 = 81")),
            ReasoningPath.of(Fixtures.QUESTION, List.of("13 - 4 = 9 (left: 9 9 10)")));

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.STEP_TAG, Fixtures.TOKEN_CLS_NO_KV, Fixtures.VALUE, Fixtures.VALUE_NO_KV})
    void aPathScoresTheSameAloneAndPaddedAmongShorterAndLongerOnes(String fixture) {
        double alone;
        try (PrmEngine prm = Fixtures.builder(fixture).incremental(false).build()) {
            alone = Fixtures.drive(prm, prm.score(List.of(TARGET))).get(0).value();
        }
        for (int at = 0; at <= OTHERS.size(); at++) {
            try (PrmEngine prm = Fixtures.builder(fixture).incremental(false).build()) {
                List<ReasoningPath> batch = new ArrayList<>(OTHERS);
                batch.add(at, TARGET);
                List<StepScore> scores = Fixtures.drive(prm, prm.score(batch));
                assertThat(prm.stats().forwardPasses()).as("all rows in one pass").isEqualTo(1);
                assertThat(scores.get(at).value()).as("%s at row %d", fixture, at).isCloseTo(alone, within(1e-5));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.STEP_TAG, Fixtures.VALUE})
    void childrenOfDifferentDepthsShareAPassWithPaddedPasts(String fixture) {
        List<ReasoningPath> children = new ArrayList<>();
        for (ReasoningPath parent : OTHERS) {
            children.add(parent.extend("2 + 2 = 4"));
        }
        try (PrmEngine batched = Fixtures.engine(fixture); PrmEngine alone = Fixtures.engine(fixture)) {
            Fixtures.drive(batched, batched.score(OTHERS));
            long passes = batched.stats().forwardPasses();
            List<StepScore> together = Fixtures.drive(batched, batched.score(children));
            assertThat(batched.stats().forwardPasses() - passes).as("the children shared one pass").isEqualTo(1);
            for (int i = 0; i < children.size(); i++) {
                Fixtures.drive(alone, alone.score(List.of(OTHERS.get(i))));
                StepScore single = Fixtures.drive(alone, alone.score(List.of(children.get(i)))).get(0);
                assertThat(together.get(i).value()).isCloseTo(single.value(), within(1e-5));
                assertThat(together.get(i).tokensProcessed()).isEqualTo(single.tokensProcessed());
            }
        }
    }
}
