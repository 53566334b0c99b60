package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoreRuleTest {

    @Test
    void stepTagIsTheSoftmaxOfGoodAmongGoodAndBadWhateverTheOtherLogits() {
        ScoreRule rule = new ScoreRule.TagPair(2, 0);
        float[] logits = {1.5f, 40f, 0.25f, -7f};
        double expected = Math.exp(0.25) / (Math.exp(0.25) + Math.exp(1.5));
        assertThat(rule.score(logits)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void bothClassesOfATokenClassifierSumToOne() {
        float[] logits = {0.3f, -1.1f};
        double positive = new ScoreRule.PositiveClass(1).score(logits);
        double negative = new ScoreRule.PositiveClass(0).score(logits);
        assertThat(positive + negative).isCloseTo(1, within(1e-12));
        assertThat(positive).isCloseTo(Math.exp(-1.1) / (Math.exp(0.3) + Math.exp(-1.1)), within(1e-7));
    }

    @Test
    void aValueIsClippedOrSquashedIntoTheUnitInterval() {
        ScoreRule clip = new ScoreRule.Scalar(false);
        assertThat(clip.score(new float[] {-0.5f})).isZero();
        assertThat(clip.score(new float[] {1.7f})).isEqualTo(1);
        assertThat(clip.score(new float[] {0.25f})).isEqualTo(0.25);
        ScoreRule sigmoid = new ScoreRule.Scalar(true);
        assertThat(sigmoid.score(new float[] {0f})).isEqualTo(0.5);
        assertThat(sigmoid.score(new float[] {-800f})).isZero();
    }

    @Test
    void aNaNOutputIsAnErrorNotAScore() {
        assertThatThrownBy(() -> new ScoreRule.Scalar(false).score(new float[] {Float.NaN}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new ScoreRule.TagPair(0, 1).score(new float[] {Float.NaN, 0}))
                .isInstanceOf(IllegalStateException.class);
    }
}
