package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.banyan.search.Aggregation;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reward model as an outcome scorer reduces a finished path's step scores by the builder's aggregation. */
class AggregationTest {

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
            assertThat(outcome.value()).isEqualTo(Aggregation.MIN.reduce(steps));
            assertThat(outcome.tokensProcessed()).as("every step was cached").isZero();
            StepScore product = Fixtures.drive(prm, prm.scorePath(finished, Aggregation.PROD));
            assertThat(product.value()).isEqualTo(Aggregation.PROD.reduce(steps));
        }
    }
}
