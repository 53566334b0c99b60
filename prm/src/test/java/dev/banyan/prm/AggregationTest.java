package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.banyan.search.AlgorithmSpec.Aggregation;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AggregationTest {

    @Test
    void eachAggregationReducesAsItsNameSays() {
        double[] scores = {0.9, 0.5, 0.8};
        assertThat(StepAggregation.aggregate(Aggregation.LAST, scores)).isEqualTo(0.8);
        assertThat(StepAggregation.aggregate(Aggregation.MIN, scores)).isEqualTo(0.5);
        assertThat(StepAggregation.aggregate(Aggregation.PROD, scores)).isCloseTo(0.36, within(1e-12));
        assertThat(StepAggregation.aggregate(Aggregation.MEAN, scores)).isCloseTo(2.2 / 3, within(1e-12));
    }

    @Test
    void aggregatesOfScoresInTheUnitIntervalAreOrdered() {
        // prod <= min <= mean <= max, and min <= last <= max
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            double[] scores = random.doubles(1 + random.nextInt(6)).toArray();
            double min = StepAggregation.aggregate(Aggregation.MIN, scores);
            double prod = StepAggregation.aggregate(Aggregation.PROD, scores);
            double mean = StepAggregation.aggregate(Aggregation.MEAN, scores);
            double last = StepAggregation.aggregate(Aggregation.LAST, scores);
            double max = Arrays.stream(scores).max().orElseThrow();
            assertThat(prod).isLessThanOrEqualTo(min);
            assertThat(mean).isBetween(min, max);
            assertThat(last).isBetween(min, max);
        }
    }

    @Test
    void noScoresHaveNoAggregate() {
        assertThatThrownBy(() -> StepAggregation.aggregate(Aggregation.MEAN, new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOutcomeScoreIsTheLastStepsScoreByDefault() {
        ReasoningPath finished = ReasoningPath.of(Fixtures.QUESTION, Fixtures.SOLUTION);
        try (PrmEngine prm = Fixtures.engine(Fixtures.VALUE); PrmEngine other = Fixtures.engine(Fixtures.VALUE)) {
            StepScore outcome = Fixtures.drive(prm, prm.scoreOutcome(finished));
            StepScore newest = Fixtures.drive(other, other.score(List.of(finished))).get(0);
            assertThat(outcome.value()).isCloseTo(newest.value(), within(1e-6));
            assertThat(outcome.tokensProcessed()).isEqualTo(newest.tokensProcessed());
        }
    }

    @Test
    void anOutcomeAggregationReducesEveryStepsScore() {
        ReasoningPath finished = ReasoningPath.of(Fixtures.QUESTION, Fixtures.SOLUTION);
        try (PrmEngine prm = Fixtures.builder(Fixtures.STEP_TAG).outcomeAggregation(Aggregation.MIN).build()) {
            double[] steps = Fixtures.drive(prm, prm.scoreSteps(finished)).steps();
            StepScore outcome = Fixtures.drive(prm, prm.scoreOutcome(finished));
            assertThat(outcome.value()).isEqualTo(StepAggregation.aggregate(Aggregation.MIN, steps));
            assertThat(outcome.tokensProcessed()).as("every step was cached").isZero();
            StepScore product = Fixtures.drive(prm, prm.scorePath(finished, Aggregation.PROD));
            assertThat(product.value()).isEqualTo(StepAggregation.aggregate(Aggregation.PROD, steps));
        }
    }
}
