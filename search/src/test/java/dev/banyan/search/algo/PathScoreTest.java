package dev.banyan.search.algo;

import dev.banyan.search.Aggregation;
import dev.banyan.search.ReasoningPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class PathScoreTest {
    /** Root → 0.8 → 0.5 → 0.9. */
    private static Node pathScored(double... scores) {
        Node node = Node.root(ReasoningPath.of("q"), false);
        int id = 1;
        for (double score : scores) {
            node = Node.child(id, node, "s" + id, 1, 0, false, score);
            id++;
        }
        return node;
    }

    @Test
    void aggregatesHandComputedPaths() {
        Node end = pathScored(0.8, 0.5, 0.9);
        assertThat(PathScore.of(Aggregation.LAST, end)).isEqualTo(0.9);
        assertThat(PathScore.of(Aggregation.MIN, end)).isEqualTo(0.5);
        assertThat(PathScore.of(Aggregation.PROD, end)).isCloseTo(0.36, offset(1e-12));
        assertThat(PathScore.of(Aggregation.MEAN, end)).isCloseTo(2.2 / 3, offset(1e-12));
    }

    @Test
    void aSingleStepIsItsOwnScoreUnderEveryAggregation() {
        Node end = pathScored(0.3);
        for (Aggregation aggregation : Aggregation.values()) {
            assertThat(PathScore.of(aggregation, end)).as("%s", aggregation).isEqualTo(0.3);
        }
    }

    @Test
    void theRootHasNoScore() {
        assertThat(PathScore.of(Aggregation.MEAN, pathScored())).isNaN();
    }
}
