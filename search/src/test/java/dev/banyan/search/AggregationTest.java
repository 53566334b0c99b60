package dev.banyan.search;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AggregationTest {

    @Test
    void eachAggregationReducesAsItsNameSays() {
        double[] scores = {0.9, 0.5, 0.8};
        assertThat(Aggregation.LAST.reduce(scores)).isEqualTo(0.8);
        assertThat(Aggregation.MIN.reduce(scores)).isEqualTo(0.5);
        assertThat(Aggregation.PROD.reduce(scores)).isCloseTo(0.36, within(1e-12));
        assertThat(Aggregation.MEAN.reduce(scores)).isCloseTo(2.2 / 3, within(1e-12));
    }

    @Test
    void aggregatesOfScoresInTheUnitIntervalAreOrdered() {
        // prod <= min <= mean <= max, and min <= last <= max
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            double[] scores = random.doubles(1 + random.nextInt(6)).toArray();
            double min = Aggregation.MIN.reduce(scores);
            double prod = Aggregation.PROD.reduce(scores);
            double mean = Aggregation.MEAN.reduce(scores);
            double last = Aggregation.LAST.reduce(scores);
            double max = Arrays.stream(scores).max().orElseThrow();
            assertThat(prod).isLessThanOrEqualTo(min);
            assertThat(mean).isBetween(min, max);
            assertThat(last).isBetween(min, max);
        }
    }

    @Test
    void noScoresHaveNoAggregate() {
        assertThatThrownBy(() -> Aggregation.MEAN.reduce(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
