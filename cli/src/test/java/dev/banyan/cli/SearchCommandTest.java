package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchCommandTest {

    @Test
    void jsonOutputHasTheContractsFieldsAndTypes() throws Exception {
        Cli.Result result = Cli.run("search", "--json", "--model", Cli.SIMULATED.toString(), "--seed", "3", "4", "9", "10", "13");

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = JsonRecords.MAPPER.readTree(result.out());
        assertThat(json.get("id").isTextual()).isTrue();
        assertThat(json.get("question").asText()).isEqualTo("4 9 10 13");
        assertThat(json.get("solved").isBoolean() || json.get("solved").isNull()).isTrue();
        assertThat(json.get("answer").isTextual() || json.get("answer").isNull()).isTrue();
        JsonNode trace = json.get("trace");
        assertThat(trace.isArray()).isTrue();
        assertThat(trace.size()).isBetween(1, 4);
        for (JsonNode step : trace) {
            assertThat(step.get("text").isTextual()).isTrue();
            assertThat(step.get("value").isNumber()).isTrue();
        }
        JsonNode stats = json.get("stats");
        for (String key : new String[] {"policyTokens", "prmTokens", "simulations", "nodes", "wallMillis",
                "kvReusedTokens", "kvRecomputedTokens", "valueCacheHits"}) {
            assertThat(stats.get(key)).as(key).isNotNull();
            assertThat(stats.get(key).isIntegralNumber()).as(key).isTrue();
            assertThat(stats.get(key).asLong()).as(key).isNotNegative();
        }
        assertThat(stats.get("policyTokens").asLong()).isPositive();
        assertThat(stats.get("nodes").asLong()).isGreaterThan(trace.size());
    }

    @Test
    void theAnswerIsTheExpressionOfTheTracesAnswerLineAndItsVerdictIsExact() throws Exception {
        Cli.Result result = Cli.run("search", "--json", "--model", Cli.SIMULATED.toString(), "1 1 4 6");

        JsonNode json = JsonRecords.MAPPER.readTree(result.out());
        JsonNode trace = json.get("trace");
        String last = trace.get(trace.size() - 1).get("text").asText();
        if (json.get("answer").isTextual()) {
            assertThat(last).isEqualTo("Answer: " + json.get("answer").asText());
            assertThat(json.get("solved").asBoolean()).isEqualTo(json.get("answer").asText().endsWith("= 24"));
        } else {
            assertThat(json.get("solved").asBoolean()).isFalse();
        }
    }

    @Test
    void textOutputShowsTheTraceAndTheVerdict() {
        Cli.Result result = Cli.run("search", "--model", Cli.SIMULATED.toString(), "4", "9", "10", "13");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("question: 4 9 10 13").contains("answer:").contains("solved:")
                .contains("policy tokens");
    }

    @Test
    void aSeedMakesASingleThreadedSearchReproducible() throws Exception {
        String[] args = {"search", "--json", "--model", Cli.SIMULATED.toString(), "--seed", "11", "3 3 8 8"};
        JsonNode first = JsonRecords.MAPPER.readTree(Cli.run(args).out());
        JsonNode second = JsonRecords.MAPPER.readTree(Cli.run(args).out());

        assertThat(second.get("trace")).isEqualTo(first.get("trace"));
        assertThat(second.get("stats").get("policyTokens")).isEqualTo(first.get("stats").get("policyTokens"));
    }
}
