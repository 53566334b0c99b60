package dev.banyan.search.tasks;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRegistryTest {
    @Test
    void everyShippedTaskIsFoundByItsName() {
        assertThat(TaskRegistry.names()).contains("game24", "math");
        for (String name : TaskRegistry.names()) {
            assertThat(TaskRegistry.named(name).name()).isEqualTo(name);
            assertThat(TaskRegistry.task(name).name()).isEqualTo(name);
        }
    }

    @Test
    void anUnknownTaskListsTheKnownOnes() {
        assertThatThrownBy(() -> TaskRegistry.named("gsm8k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown task 'gsm8k'").hasMessageContaining("game24").hasMessageContaining("math");
    }

    @Test
    void aBuiltInDataSetIsFoundByItsTaskName() {
        List<Problem> problems = TaskRegistry.builtInData("game24:1-3").orElseThrow();

        assertThat(problems).extracting(Problem::id).containsExactly("game24-1", "game24-2", "game24-3");
        assertThat(TaskRegistry.builtInData("data/game24.jsonl")).as("a file").isEmpty();
        assertThat(TaskRegistry.builtInData("math")).as("math ships no data set").isEmpty();
        assertThatThrownBy(() -> TaskRegistry.builtInData("game24:3"))
                .hasMessageContaining("game24:FROM-TO");
    }

    @Test
    void unknownAndOutOfRangeSettingsAreNamed() {
        TaskSettings typo = TaskSettings.of("m/banyan.json: \"taskSettings\"", Map.of("stepDelimeter", "\n"));
        assertThatThrownBy(() -> TaskRegistry.named("math").create(typo))
                .hasMessageContaining("m/banyan.json").hasMessageContaining("stepDelimeter")
                .hasMessageContaining("stepDelimiter");

        TaskSettings tooMany = TaskSettings.of("m/banyan.json: \"taskSettings\"", Map.of("maxSteps", 0));
        assertThatThrownBy(() -> TaskRegistry.named("math").create(tooMany)).hasMessageContaining("\"maxSteps\"");
        assertThatThrownBy(() -> TaskRegistry.named("game24").create(typo)).hasMessageContaining("stepDelimeter");
    }

    @Test
    void settingsReadTypedValuesAndResolvePaths() {
        TaskSettings settings = TaskSettings.of("s", Map.of("n", 3, "x", 0.5, "t", "a", "p", "sub/f.jsonl"));

        assertThat(settings.integer("n", 0, 1, 10)).isEqualTo(3);
        assertThat(settings.number("x", 0, 0, 1)).isEqualTo(0.5);
        assertThat(settings.text("t", null)).isEqualTo("a");
        assertThat(settings.text("absent", "d")).isEqualTo("d");
        assertThat(settings.path("p", Path.of("/m"))).isEqualTo(Path.of("/m/sub/f.jsonl"));
        assertThatThrownBy(() -> settings.integer("x", 0, 0, 1)).hasMessageContaining("\"x\" must be an integer");
        assertThatThrownBy(() -> settings.number("t", 0, 0, 1)).hasMessageContaining("\"t\" must be a number");
        assertThatThrownBy(() -> settings.requireOnly(Set.of("n"))).hasMessageContaining("unknown setting");
    }
}
