package dev.banyan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.api.records.JsonRecords;
import dev.banyan.search.Aggregation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The results of {@code banyan evaluate}: success rows (one per model, input, algorithm and budget) and monitor
 * rows (one per model and input), printed as Markdown and written as {@code evaluate.md}, {@code evaluate.csv},
 * {@code monitors.csv} and {@code evaluate.json}.
 */
final class EvaluateReport {
    static final String MARKDOWN = "evaluate.md";
    static final String SUCCESS_CSV = "evaluate.csv";
    static final String MONITORS_CSV = "monitors.csv";
    static final String JSON = "evaluate.json";

    private final int samples;
    private final Double temperature;
    private final int top;
    private final Aggregation reward;
    private final List<Success> successes = new ArrayList<>();
    private final List<Monitors> monitors = new ArrayList<>();

    EvaluateReport(int samples, Double temperature, int top, Aggregation reward) {
        this.samples = samples;
        this.temperature = temperature;
        this.top = top;
        this.reward = reward;
    }

    static List<String> fileNames() {
        return List.of(MARKDOWN, SUCCESS_CSV, MONITORS_CSV, JSON);
    }

    /**
     * One algorithm at one budget on one input.
     *
     * @param ids the problems, in input order
     * @param solved each problem's verdict, in the same order
     */
    record Success(String model, String input, String algorithm, long budget, List<String> ids, boolean[] solved,
                   double avgPolicyTokens) {
        int count() {
            int n = 0;
            for (boolean s : solved) {
                n += s ? 1 : 0;
            }
            return n;
        }

        double rate() {
            return solved.length == 0 ? 0 : (double) count() / solved.length;
        }

        boolean sameCell(Success other) {
            return input.equals(other.input) && algorithm.equals(other.algorithm) && budget == other.budget
                    && ids.equals(other.ids);
        }
    }

    /**
     * B-STaR's monitors over one input's problems.
     *
     * @param passAtK problems with some right sample
     * @param sampleAccuracy mean share of right samples per problem (Pass@1)
     * @param distinctCorrect mean distinct right answers per problem
     * @param bestOfK mean expected correctness of the PRM's top sample
     * @param rewardAtK mean expected share of right samples among the PRM's top k
     * @param auc the PRM's ROC AUC over every sample of every problem, pooled
     * @param samplesPerProblem mean finished samples per problem
     */
    record Monitors(String model, String input, int problems, int passAtK, double sampleAccuracy,
                    double distinctCorrect, double bestOfK, double rewardAtK, double auc, double samplesPerProblem,
                    double avgPolicyTokens) {
        static Monitors of(String model, String input, List<List<EvalMetrics.Sample>> perProblem, int top,
                           double avgPolicyTokens) {
            int pass = 0;
            double accuracy = 0;
            double distinct = 0;
            double best = 0;
            double reward = 0;
            long count = 0;
            List<EvalMetrics.Sample> pooled = new ArrayList<>();
            for (List<EvalMetrics.Sample> samples : perProblem) {
                pass += EvalMetrics.passAtK(samples) ? 1 : 0;
                accuracy += EvalMetrics.sampleAccuracy(samples);
                distinct += EvalMetrics.distinctCorrect(samples);
                best += EvalMetrics.bestOfK(samples);
                reward += EvalMetrics.rewardAtK(samples, top);
                count += samples.size();
                pooled.addAll(samples);
            }
            int n = Math.max(1, perProblem.size());
            return new Monitors(model, input, perProblem.size(), pass, accuracy / n, distinct / n, best / n,
                    reward / n, EvalMetrics.auc(pooled), (double) count / n, avgPolicyTokens);
        }
    }

    void add(Success row) {
        successes.add(row);
    }

    void add(Monitors row) {
        monitors.add(row);
    }

    List<Success> successes() {
        return successes;
    }

    List<Monitors> monitors() {
        return monitors;
    }

    /** {mean, lower, upper} of this row's success minus the first model's on the same cell; null for that model. */
    double[] differenceToBaseline(Success row) {
        Success baseline = successes.stream().filter(s -> s.sameCell(row)).findFirst().orElse(null);
        if (baseline == null || baseline == row) {
            return null;
        }
        return EvalMetrics.pairedDifference(baseline.solved(), row.solved());
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Success at equal budget\n\n")
                .append("| model | input | algorithm | budget | solved | rate | 95 % CI | vs first model, paired 95 % CI "
                        + "| avg policy tokens |\n")
                .append("|---|---|---|---:|---:|---:|---|---|---:|\n");
        for (Success row : successes) {
            double[] ci = EvalMetrics.wilson(row.count(), row.solved().length);
            double[] diff = differenceToBaseline(row);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d/%d | %.1f %% | %.1f–%.1f %% | %s | %.0f |%n",
                    row.model(), row.input(), row.algorithm(), row.budget(), row.count(), row.solved().length,
                    100 * row.rate(), 100 * ci[0], 100 * ci[1],
                    diff == null ? "–" : String.format(Locale.ROOT, "%+.1f (%+.1f to %+.1f)", 100 * diff[0],
                            100 * diff[1], 100 * diff[2]),
                    row.avgPolicyTokens()));
        }
        md.append("\n# Exploration and exploitation (B-STaR's monitors)\n\n")
                .append(String.format(Locale.ROOT, "%d independent samples per problem at %s; a sample's reward is "
                        + "%s.%n%n", samples,
                        temperature == null ? "each model's temperature" : "temperature " + temperature,
                        switch (reward) {
                            case PROD -> "the product of its PRM step scores";
                            case MIN -> "its lowest PRM step score";
                            case LAST -> "the PRM score of its last step";
                            case MEAN -> "the mean of its PRM step scores";
                        }))
                .append(String.format(Locale.ROOT, "| model | input | Pass@1 | Pass@%d | 95 %% CI | distinct right "
                        + "answers | best-of-%d | Reward@%d | PRM AUC | samples | avg policy tokens |%n", samples,
                        samples, top))
                .append("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (Monitors row : monitors) {
            double[] ci = EvalMetrics.wilson(row.passAtK(), row.problems());
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %.1f %% | %d/%d (%.1f %%) | %.1f–%.1f %% | %.2f | %.1f %% | %.1f %% | %.3f | %.1f | %.0f |%n",
                    row.model(), row.input(), 100 * row.sampleAccuracy(), row.passAtK(), row.problems(),
                    100.0 * row.passAtK() / Math.max(1, row.problems()), 100 * ci[0], 100 * ci[1],
                    row.distinctCorrect(), 100 * row.bestOfK(), 100 * row.rewardAtK(), row.auc(),
                    row.samplesPerProblem(), row.avgPolicyTokens()));
        }
        return md.append("\nPass@1: the share of right samples. Pass@K: problems with some right sample. Distinct "
                + "right answers: per problem, by the task's answer key. Best-of-K and Reward@k: the share of right "
                + "samples among the 1 and the k the PRM scores highest (ties in random order, as an expectation). "
                + "PRM AUC: over all samples pooled. Intervals: Wilson's for rates, normal for paired differences.\n")
                .toString();
    }

    String successCsv() {
        StringBuilder csv = new StringBuilder("model,input,algorithm,budget,solved,total,rate,ciLow,ciHigh,"
                + "diffToFirst,diffLow,diffHigh,avgPolicyTokens\n");
        for (Success row : successes) {
            double[] ci = EvalMetrics.wilson(row.count(), row.solved().length);
            double[] diff = differenceToBaseline(row);
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%.4f,%.4f,%.4f,%s,%.1f%n", quote(row.model()),
                    quote(row.input()), row.algorithm(), row.budget(), row.count(), row.solved().length, row.rate(),
                    ci[0], ci[1], diff == null ? ",," : String.format(Locale.ROOT, "%.4f,%.4f,%.4f", diff[0], diff[1],
                            diff[2]), row.avgPolicyTokens()));
        }
        return csv.toString();
    }

    String monitorsCsv() {
        StringBuilder csv = new StringBuilder("model,input,problems,samples,temperature,passAt1,passAtK,passAtKRate,"
                + "distinctCorrect,bestOfK,rewardAtTop,top,auc,samplesPerProblem,avgPolicyTokens\n");
        for (Monitors row : monitors) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%.4f,%d,%.4f,%.3f,%.4f,%.4f,%d,%.4f,%.2f,%.1f%n",
                    quote(row.model()), quote(row.input()), row.problems(), samples,
                    temperature == null ? "model" : temperature.toString(), row.sampleAccuracy(), row.passAtK(),
                    (double) row.passAtK() / Math.max(1, row.problems()), row.distinctCorrect(), row.bestOfK(),
                    row.rewardAtK(), top, row.auc(), row.samplesPerProblem(), row.avgPolicyTokens()));
        }
        return csv.toString();
    }

    String json() {
        ObjectNode root = JsonRecords.MAPPER.createObjectNode();
        ObjectNode settings = root.putObject("settings");
        settings.put("samples", samples);
        if (temperature == null) {
            settings.putNull("temperature");
        } else {
            settings.put("temperature", temperature);
        }
        settings.put("top", top);
        settings.put("reward", reward.name());
        ArrayNode rows = root.putArray("success");
        for (Success row : successes) {
            ObjectNode node = rows.addObject();
            node.put("model", row.model()).put("input", row.input()).put("algorithm", row.algorithm())
                    .put("budget", row.budget()).put("solved", row.count()).put("total", row.solved().length);
            putNumber(node, "rate", row.rate());
            double[] ci = EvalMetrics.wilson(row.count(), row.solved().length);
            node.put("ciLow", ci[0]).put("ciHigh", ci[1]);
            double[] diff = differenceToBaseline(row);
            if (diff != null) {
                node.put("diffToFirst", diff[0]).put("diffLow", diff[1]).put("diffHigh", diff[2]);
            }
            putNumber(node, "avgPolicyTokens", row.avgPolicyTokens());
            ObjectNode verdicts = node.putObject("verdicts");
            for (int i = 0; i < row.ids().size(); i++) {
                verdicts.put(row.ids().get(i), row.solved()[i]);
            }
        }
        ArrayNode monitorRows = root.putArray("monitors");
        for (Monitors row : monitors) {
            ObjectNode node = monitorRows.addObject();
            node.put("model", row.model()).put("input", row.input()).put("problems", row.problems())
                    .put("passAtK", row.passAtK());
            putNumber(node, "passAt1", row.sampleAccuracy());
            putNumber(node, "distinctCorrect", row.distinctCorrect());
            putNumber(node, "bestOfK", row.bestOfK());
            putNumber(node, "rewardAtTop", row.rewardAtK());
            putNumber(node, "auc", row.auc());
            putNumber(node, "samplesPerProblem", row.samplesPerProblem());
            putNumber(node, "avgPolicyTokens", row.avgPolicyTokens());
        }
        try {
            return JsonRecords.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds the rows of an earlier evaluation's {@code evaluate.json} (e.g. the previous round's), which then come
     * first: the baseline of the paired differences. Its settings must be these.
     */
    void addEarlier(Path file) {
        JsonNode root;
        try {
            root = JsonRecords.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot read --baseline " + file + ": " + IoErrors.reason(e));
        }
        JsonNode given = root == null ? null : root.get("settings");
        if (given == null || root.get("success") == null || root.get("monitors") == null) {
            throw new UserError("--baseline " + file + " is not an evaluate.json (no settings, success or monitors)");
        }
        JsonNode mine = JsonRecords.MAPPER.valueToTree(Map.of("samples", samples, "top", top, "reward", reward.name()));
        for (String key : List.of("samples", "top", "reward")) {
            if (!given.path(key).asText().equals(mine.get(key).asText())) {
                throw new UserError("--baseline " + file + " was evaluated with " + key + " " + given.path(key)
                        + ", this evaluation uses " + mine.get(key));
            }
        }
        if (!given.path("temperature").equals(temperature == null ? NullNode.getInstance()
                : JsonRecords.MAPPER.valueToTree(temperature))) {
            throw new UserError("--baseline " + file + " sampled at temperature " + given.path("temperature")
                    + ", this evaluation at " + (temperature == null ? "each model's own" : temperature));
        }
        List<Success> earlier = new ArrayList<>();
        for (JsonNode row : root.get("success")) {
            List<String> ids = new ArrayList<>();
            JsonNode verdicts = row.get("verdicts");
            boolean[] solved = new boolean[verdicts.size()];
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = verdicts.fields(); it.hasNext(); i++) {
                Map.Entry<String, JsonNode> verdict = it.next();
                ids.add(verdict.getKey());
                solved[i] = verdict.getValue().asBoolean();
            }
            earlier.add(new Success(row.get("model").asText(), row.get("input").asText(), row.get("algorithm").asText(),
                    row.get("budget").asLong(), ids, solved, row.path("avgPolicyTokens").asDouble()));
        }
        List<Monitors> earlierMonitors = new ArrayList<>();
        for (JsonNode row : root.get("monitors")) {
            earlierMonitors.add(new Monitors(row.get("model").asText(), row.get("input").asText(),
                    row.get("problems").asInt(), row.get("passAtK").asInt(), number(row, "passAt1"),
                    number(row, "distinctCorrect"), number(row, "bestOfK"), number(row, "rewardAtTop"),
                    number(row, "auc"), number(row, "samplesPerProblem"), number(row, "avgPolicyTokens")));
        }
        successes.addAll(0, earlier);
        monitors.addAll(0, earlierMonitors);
    }

    private static double number(JsonNode row, String key) {
        JsonNode value = row.get(key);
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }

    void write(Path directory) {
        Outputs.writeAtomically(directory.resolve(MARKDOWN), markdown());
        Outputs.writeAtomically(directory.resolve(SUCCESS_CSV), successCsv());
        Outputs.writeAtomically(directory.resolve(MONITORS_CSV), monitorsCsv());
        Outputs.writeAtomically(directory.resolve(JSON), json());
    }

    /** A CSV field, quoted when it holds a comma or a quote. */
    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    /** Puts {@code value}, or null where it is NaN or infinite (JSON has no such numbers). */
    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
