package dev.banyan.api.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.banyan.api.Banyan;
import dev.banyan.api.Solution;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordsTest {
    private static final Path SIMULATED = Path.of(System.getProperty("banyan.root", "..")).resolve("models/simulated");

    @Test
    void resultLineHasItsFieldsInOrderAndAFailureLineHasAnErrorInsteadOfTraceAndStats() throws Exception {
        try (Banyan banyan = Banyan.builder().model(SIMULATED).budgetTokens(600).seed(3).build()) {
            Solution solution = banyan.search("p1", "4 9 10 13", "24");
            JsonNode line = JsonRecords.MAPPER.readTree(JsonRecords.line(ResultLine.of(solution)));
            assertThat(fieldNames(line)).containsExactly("id", "question", "answer", "solved", "trace", "stats",
                    "algorithm", "expected");
            assertThat(line.get("trace")).hasSize(solution.result().trace().size());
            assertThat(line.at("/stats/policyTokens").asLong()).isEqualTo(solution.result().stats().policyTokens());
            assertThat(JsonRecords.MAPPER.treeToValue(line, ResultLine.class)).isEqualTo(ResultLine.of(solution));
        }
        JsonNode failure = JsonRecords.MAPPER.readTree(JsonRecords.line(
                ResultLine.failure("p2", "1 1 1 1", null, "the policy failed: boom", "mcts-star")));
        assertThat(fieldNames(failure)).containsExactly("id", "question", "answer", "solved", "error", "algorithm",
                "expected");
        assertThat(failure.get("solved").isNull()).isTrue();
    }

    @Test
    void aTreeReadBackGivesTheSameExportRecordsAsTheSearchedTree() throws Exception {
        try (Banyan banyan = Banyan.builder().model(SIMULATED).budgetTokens(1500).seed(5).build()) {
            Solution solution = banyan.search("p1", "4 9 10 13", "24");
            TreeLine line = TreeLine.of(solution);
            SavedTree saved = SavedTree.read(JsonRecords.MAPPER.readTree(JsonRecords.line(line)), "trees.jsonl:1");
            assertThat(saved.line()).isEqualTo(line);
            assertThat(saved.nodes()).hasSize(solution.result().tree().nodes().size());
            for (ExportFormat format : ExportFormat.values()) {
                assertThat(format.records("p1", saved, solution.task(),
                        dev.banyan.search.targets.TrainingTargets.extract(saved, solution.task(), "24")))
                        .as(format.key())
                        .isEqualTo(format.records("p1", solution.result().tree(), solution.task(), solution.targets()));
            }
        }
    }

    @Test
    void aMalformedTreeLineIsRefusedNamingWhereAndWhat() throws Exception {
        JsonNode orphan = JsonRecords.MAPPER.readTree("{\"id\":\"a\",\"task\":\"game24\",\"question\":\"1 2 3 4\","
                + "\"nodes\":[{\"id\":0,\"parent\":null,\"text\":\"\"},{\"id\":2,\"parent\":1,\"text\":\"x\"}]}");
        assertThatThrownBy(() -> SavedTree.read(orphan, "t.jsonl:7"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("t.jsonl:7: node 2 comes before its parent 1");
        JsonNode badNodes = JsonRecords.MAPPER.readTree("{\"id\":\"a\",\"task\":\"game24\",\"question\":\"q\","
                + "\"nodes\":{\"id\":0}}");
        assertThatThrownBy(() -> SavedTree.read(badNodes, "t.jsonl:8"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("t.jsonl:8: not a tree record");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
