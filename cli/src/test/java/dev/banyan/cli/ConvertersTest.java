package dev.banyan.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConvertersTest {
    private final Converters.DurationValue duration = new Converters.DurationValue();

    @Test
    void durationsTakeShortAndIsoForms() {
        assertThat(duration.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(duration.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(duration.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(duration.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(duration.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> duration.convert("0s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> duration.convert("5 minutes")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void algorithmNamesAreCanonical() {
        assertThat(new Converters.AlgorithmName().convert("MCTS-Star")).isEqualTo("mcts-star");
        assertThatThrownBy(() -> new Converters.AlgorithmName().convert("mcts")).hasMessageContaining("expected one of");
    }

    @Test
    void positiveNumbersRejectZeroAndOverflow() {
        assertThat(new Converters.PositiveInt().convert("12")).isEqualTo(12);
        assertThatThrownBy(() -> new Converters.PositiveInt().convert("0")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new Converters.PositiveInt().convert("3000000000")).hasMessageContaining("at most");
    }
}
