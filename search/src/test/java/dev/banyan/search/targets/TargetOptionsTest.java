package dev.banyan.search.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetOptionsTest {
    @Test
    void defaultsUseAMarginOfThreeTenthsAndTargetsBeforeMcValues() {
        assertThat(TargetOptions.defaults()).isEqualTo(new TargetOptions(0.3, PairValueSource.TARGET_THEN_MC));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void aMarginMustBeFiniteAndPositive(double margin) {
        assertThatThrownBy(() -> TargetOptions.defaults().withMargin(margin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("margin must be finite and positive, was " + margin);
    }

    @Test
    void aRankingRuleIsRequired() {
        assertThatThrownBy(() -> new TargetOptions(0.3, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("pairValues");
    }

    @Test
    void withersChangeOneValue() {
        TargetOptions changed = TargetOptions.defaults().withMargin(0.5).withPairValues(PairValueSource.MC_ONLY);

        assertThat(changed).isEqualTo(new TargetOptions(0.5, PairValueSource.MC_ONLY));
    }
}
