package dev.banyan.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    @Test
    void withoutATerminalProgressIsPlainLinesEndingWithTheTotalsAndNoLineRepeated() {
        StringWriter text = new StringWriter();
        try (Progress progress = BarProgress.asLines("run", 3, new PrintWriter(text))) {
            progress.done(true);
            progress.done(false);
            progress.done(null);
        }
        List<String> lines = text.toString().lines().toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).startsWith("run 100%").contains("3/3 problems")
                .contains("solved 1/2 (50.0%)");
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("line %d", i).isNotEqualTo(lines.get(i - 1));
        }
    }
}
