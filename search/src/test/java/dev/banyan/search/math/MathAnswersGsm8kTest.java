package dev.banyan.search.math;

import dev.banyan.search.tasks.Grade;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Grades GSM8K's published model solutions against its gold answers and checks agreement with its own
 * correctness labels. The data lives in the shared folder beside the clone ({@code shared/data/gsm8k}); the
 * tests are skipped where it is absent. Every disagreement is listed, with its cause, in
 * {@code search/README-math.md}.
 */
class MathAnswersGsm8kTest {

    private static final Path DIR = Path.of("..", "..", "shared", "data", "gsm8k");
    private static final String[] MODELS = {"6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification"};

    /** The (1-based line, model) pairs where our grade and GSM8K's label differ; see README-math.md. */
    private static final List<String> DISAGREEMENTS = List.of();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> lines(String file) throws IOException {
        Path path = DIR.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path), path + " absent: skipped");
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    @Test
    void gradesAgreeWithModelSolutionLabels() throws IOException {
        List<JsonNode> rows = lines("model_solutions-0-899.jsonl");
        assertThat(rows).hasSize(900);
        int agree = 0;
        TreeSet<String> disagreements = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String gold = row.get("ground_truth").asText();
            for (String model : MODELS) {
                JsonNode m = row.get(model);
                Grade g = MathAnswers.grade(gold, m.get("solution").asText());
                if (g.equal() == m.get("is_correct").asBoolean()) {
                    agree++;
                } else {
                    String id = (i + 1) + " " + model;
                    disagreements.add(id);
                    System.out.println("disagree " + id + " label=" + m.get("is_correct").asBoolean() + " " + g);
                }
            }
        }
        assertThat(agree).isGreaterThanOrEqualTo(3582);
        assertThat(disagreements).containsExactlyInAnyOrderElementsOf(DISAGREEMENTS);
    }

    @Test
    void everyTestAnswerExtractsToAnExactNumber() throws IOException {
        List<JsonNode> rows = lines("test.jsonl");
        assertThat(rows).hasSize(1319);
        for (JsonNode row : rows) {
            String solution = row.get("answer").asText();
            Optional<String> answer = MathAnswers.extract(solution);
            assertThat(answer).as(solution).isPresent();
            assertThat(MathAnswers.key(answer.get())).as(answer.get()).matches("-?\\d+(/\\d+)?");
        }
    }
}
