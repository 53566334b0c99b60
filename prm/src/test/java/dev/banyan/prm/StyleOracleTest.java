package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every style's scores against {@link Oracle}, the direct computation: one unbatched, uncached run over the whole
 * text. Tolerance 1e-5 on scores in [0, 1]: float32 logits from differently shaped (batched, KV-cached) matmuls
 * differ around 1e-6.
 */
class StyleOracleTest {
    static final double TOLERANCE = 1e-5;

    /** Paths of one to four steps, including a step that holds characters of the suffix and a one-character step. */
    static List<List<String>> paths() {
        return List.of(Fixtures.SOLUTION,
                List.of("10 + 13 = 23 (left: 4 9 23)", "9 - 4 = 5 (left: 5 23)", "23 + 5 = 28 (left: 28)"),
                List.of("4 # 9 - 1", "x"));
    }

    @ParameterizedTest(name = "{0}, incremental={1}")
    @CsvSource({"prm-step-tag,true", "prm-step-tag,false", "prm-token-cls,true", "prm-token-cls,false",
            "prm-token-cls-nokv,true", "prm-value,true", "prm-value,false", "prm-value-nokv,true"})
    void everyStepsScoreEqualsTheDirectComputation(String fixture, boolean incremental) throws Exception {
        try (PrmEngine prm = Fixtures.builder(fixture).incremental(incremental).build();
             Oracle oracle = new Oracle(fixture)) {
            for (List<String> steps : paths()) {
                double[] expected = oracle.stepScores(Fixtures.QUESTION, steps);
                double[] all = Fixtures.drive(prm, prm.scoreSteps(ReasoningPath.of(Fixtures.QUESTION, steps))).steps();
                assertThat(all).as("%s, every step of %s", fixture, steps).containsExactly(expected, within(TOLERANCE));
            }
        }
    }

    @ParameterizedTest(name = "{0}, incremental={1}")
    @CsvSource({"prm-step-tag,true", "prm-step-tag,false", "prm-token-cls,true", "prm-token-cls-nokv,true",
            "prm-value,true", "prm-value-nokv,true"})
    void newestStepScoresEqualTheDirectComputationStepByStep(String fixture, boolean incremental) throws Exception {
        try (PrmEngine prm = Fixtures.builder(fixture).incremental(incremental).build();
             Oracle oracle = new Oracle(fixture)) {
            for (List<String> steps : paths()) {
                double[] expected = oracle.stepScores(Fixtures.QUESTION, steps);
                // Parent first, as a search asks: each path's newest step, one request per depth.
                for (int depth = 1; depth <= steps.size(); depth++) {
                    StepScore score = Fixtures.drive(prm, prm.score(List.of(Fixtures.path(steps, depth)))).get(0);
                    assertThat(score.value()).as("%s, step %d of %s", fixture, depth, steps)
                            .isCloseTo(expected[depth - 1], within(TOLERANCE));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"prm-step-tag", "prm-token-cls", "prm-token-cls-nokv", "prm-value", "prm-value-nokv"})
    void oneBatchOfManyPathsEqualsTheDirectComputation(String fixture) throws Exception {
        try (PrmEngine prm = Fixtures.engine(fixture); Oracle oracle = new Oracle(fixture)) {
            List<ReasoningPath> batch = new ArrayList<>();
            List<Double> expected = new ArrayList<>();
            for (List<String> steps : paths()) {
                double[] all = oracle.stepScores(Fixtures.QUESTION, steps);
                for (int depth = 1; depth <= steps.size(); depth++) {
                    batch.add(Fixtures.path(steps, depth));
                    expected.add(all[depth - 1]);
                }
            }
            List<StepScore> scores = Fixtures.drive(prm, prm.score(batch));
            for (int i = 0; i < batch.size(); i++) {
                assertThat(scores.get(i).value()).as("%s, %s", fixture, batch.get(i))
                        .isCloseTo(expected.get(i), within(TOLERANCE));
            }
            assertThat(prm.stats().meanBatchSize()).as("the paths shared passes").isGreaterThan(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"prm-step-tag", "prm-token-cls", "prm-value", "prm-value-nokv"})
    void scoresAreSpreadSoTheComparisonsMeanSomething(String fixture) throws Exception {
        try (Oracle oracle = new Oracle(fixture)) {
            double[] scores = oracle.stepScores(Fixtures.QUESTION, Fixtures.SOLUTION);
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double score : scores) {
                min = Math.min(min, score);
                max = Math.max(max, score);
            }
            assertThat(max - min).as("%s step scores %s", fixture, java.util.Arrays.toString(scores)).isGreaterThan(0.01);
        }
    }
}
