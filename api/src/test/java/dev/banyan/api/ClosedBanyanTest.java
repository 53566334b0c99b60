package dev.banyan.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After {@code close()} a search fails the same way whatever the thread count (it used to run, or not). */
class ClosedBanyanTest {
    private static final Path SIMULATED = Path.of(System.getProperty("banyan.root", "..")).resolve("models/simulated");

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aSearchAfterCloseFailsWithTheReason(int threads) {
        Banyan banyan = Banyan.builder().model(SIMULATED).threads(threads).budgetTokens(200).build();
        banyan.close();

        assertThatThrownBy(() -> banyan.search("4 9 10 13")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 2 3", "1 2 3 4 5"})
    void aQuestionTheTaskRefusesFailsBeforeSearching(String question) {
        try (Banyan banyan = Banyan.builder().model(SIMULATED).build()) {
            assertThatThrownBy(() -> banyan.search(question)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exactly four numbers");
        }
    }

    @org.junit.jupiter.api.Test
    void aTimeLimitWhoseNanosecondsOverflowIsRefused() {
        assertThatThrownBy(() -> Banyan.builder().timeLimit(Duration.ofHours(2_562_048)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }
}
