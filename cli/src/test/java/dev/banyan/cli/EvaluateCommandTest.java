package dev.banyan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.banyan.api.records.JsonRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateCommandTest {

    @Test
    void twoRunsOfOneModelDifferByNothingAndTheMonitorsHang(@TempDir Path dir) throws IOException {
        Cli.Result result = Cli.run("evaluate", "--model", Cli.SIMULATED.toString(), "--model", Cli.SIMULATED.toString(),
                "--input", "first=game24:1-5", "--input", "game24:20-23", "--algorithms", "greedy,best-of-n",
                "--budgets", "400", "--samples", "6", "--top", "2", "--output-dir", dir.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("# Success at equal budget").contains("| first | greedy | 400 |")
                .contains("| game24:20-23 | best-of-n | 400 |").contains("Pass@6").contains("Reward@2");
        JsonNode report = JsonRecords.MAPPER.readTree(dir.resolve("evaluate.json").toFile());
        JsonNode success = report.get("success");
        assertThat(success).hasSize(2 * 2 * 2);
        for (int i = 0; i < 4; i++) {
            JsonNode first = success.get(i);
            JsonNode second = success.get(i + 4);
            assertThat(first.has("diffToFirst")).isFalse();
            // The same model and seed solve the same problems: the paired difference is exactly 0.
            assertThat(second.get("verdicts")).isEqualTo(first.get("verdicts"));
            assertThat(second.get("diffToFirst").asDouble()).isZero();
            long solved = first.get("solved").asLong();
            long total = first.get("total").asLong();
            assertThat(total).isEqualTo(first.get("input").asText().equals("first") ? 5 : 4);
            assertThat(first.get("ciLow").asDouble()).isLessThanOrEqualTo((double) solved / total);
            assertThat(first.get("ciHigh").asDouble()).isGreaterThanOrEqualTo((double) solved / total);
        }
        JsonNode monitors = report.get("monitors");
        assertThat(monitors).hasSize(4);
        for (JsonNode row : monitors) {
            int problems = row.get("problems").asInt();
            double passAtK = row.get("passAtK").asDouble() / problems;
            assertThat(row.get("samplesPerProblem").asDouble()).isBetween(1.0, 6.0);
            assertThat(row.get("passAt1").asDouble()).isLessThanOrEqualTo(passAtK);
            assertThat(row.get("bestOfK").asDouble()).isLessThanOrEqualTo(passAtK);
            assertThat(row.get("rewardAtTop").asDouble()).isLessThanOrEqualTo(passAtK);
            assertThat(row.get("distinctCorrect").asDouble()).isGreaterThanOrEqualTo(passAtK);
        }
        List<String> csv = Files.readAllLines(dir.resolve("evaluate.csv"));
        assertThat(csv).hasSize(1 + 8);
        assertThat(csv.get(1).split(",", -1)).hasSize(13);
        assertThat(Files.readAllLines(dir.resolve("monitors.csv"))).hasSize(1 + 4);
        assertThat(Files.readString(dir.resolve("evaluate.md"))).isEqualTo(result.out());
    }

    @Test
    void anotherTemperatureAndAnEarlierEvaluation(@TempDir Path dir) {
        String[] args = {"evaluate", "--model", Cli.SIMULATED.toString(), "--input", "game24:1-2",
                "--algorithms", "greedy", "--budgets", "300", "--samples", "2", "--temperature", "0.7",
                "--output-dir", dir.toString()};
        Cli.Result first = Cli.run(args);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("at temperature 0.7");

        Cli.Result again = Cli.run(args);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists").contains("--force");
    }

    @Test
    void anEarlierEvaluationIsTheBaseline(@TempDir Path dir) throws IOException {
        Path earlier = dir.resolve("round0");
        Path later = dir.resolve("round1");
        String[] common = {"--input", "game24:1-4", "--algorithms", "greedy", "--budgets", "300", "--samples", "3"};
        Cli.Result first = Cli.run(concat(new String[] {"evaluate", "--model", Cli.SIMULATED.toString(),
                "--output-dir", earlier.toString()}, common));
        assertThat(first.code()).as(first.err()).isZero();

        Cli.Result second = Cli.run(concat(new String[] {"evaluate", "--model", Cli.SIMULATED.toString(),
                "--baseline", earlier.resolve("evaluate.json").toString(), "--output-dir", later.toString()}, common));
        assertThat(second.code()).as(second.err()).isZero();
        JsonNode report = JsonRecords.MAPPER.readTree(later.resolve("evaluate.json").toFile());
        assertThat(report.get("success")).hasSize(2);
        assertThat(report.get("success").get(0).has("diffToFirst")).isFalse();
        assertThat(report.get("success").get(1).get("diffToFirst").asDouble()).isZero();
        assertThat(report.get("success").get(1).get("verdicts")).isEqualTo(report.get("success").get(0).get("verdicts"));
        assertThat(report.get("monitors")).hasSize(2);
        assertThat(report.get("monitors").get(1)).isEqualTo(report.get("monitors").get(0));

        Cli.Result mismatched = Cli.run("evaluate", "--model", Cli.SIMULATED.toString(), "--input", "game24:1-4",
                "--algorithms", "greedy", "--budgets", "300", "--samples", "5",
                "--baseline", earlier.resolve("evaluate.json").toString());
        assertThat(mismatched.code()).isEqualTo(1);
        assertThat(mismatched.err()).contains("was evaluated with samples 3");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void rejectsABadTemperatureAndTwoInputsOfOneName() {
        Cli.Result hot = Cli.run("evaluate", "--model", Cli.SIMULATED.toString(), "--input", "game24:1-2",
                "--temperature", "-1");
        assertThat(hot.code()).isEqualTo(2);
        assertThat(hot.err()).contains("--temperature must be >= 0");

        Cli.Result twice = Cli.run("evaluate", "--model", Cli.SIMULATED.toString(), "--input", "a=game24:1-2",
                "--input", "a=game24:3-4");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("two --input are named 'a'");
    }
}
