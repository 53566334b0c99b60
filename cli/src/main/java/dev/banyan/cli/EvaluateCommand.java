package dev.banyan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.api.Banyan;
import dev.banyan.api.ModelBundle;
import dev.banyan.api.Solution;
import dev.banyan.api.records.JsonRecords;
import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Aggregation;
import dev.banyan.search.tasks.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code banyan evaluate}: per model directory, input and budget, the success of each algorithm with a 95 %
 * interval (and, from the second model on, the paired difference to the first), and B-STaR's monitors from K
 * independent samples per problem: exploration (Pass@K, distinct right answers) and exploitation (best-of-K and
 * Reward@k by the PRM, the PRM's ROC AUC on the samples). Made to compare the rounds of a self-training loop.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluates model directories side by side: success of each algorithm at each budget with 95%% "
                + "intervals, and B-STaR's exploration and exploitation monitors from K samples per problem.")
final class EvaluateCommand implements Callable<Integer> {
    /** {@code NAME=FILE}: a name for the input in the tables. */
    private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9_.-]+)=(.+)");

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A model directory (banyan.json); repeat to compare several. The first is the baseline "
                    + "of the paired differences.")
    List<Path> models;

    @Option(names = "--input", required = true, paramLabel = "[NAME=]IN",
            description = "JSON Lines of {\"id\"?, \"question\", \"answer\"?} or a built-in data set, optionally "
                    + "named (validation=val.jsonl); repeat for several splits.")
    List<String> inputs;

    @Option(names = "--algorithms", split = ",", paramLabel = "NAME", defaultValue = "greedy,best-of-n,mcts-star",
            converter = Converters.AlgorithmName.class,
            description = "Algorithms whose success is measured, each with the model's settings for it. "
                    + "Default: ${DEFAULT-VALUE}.")
    List<String> algorithms;

    @Option(names = "--budgets", split = ",", paramLabel = "N", defaultValue = "2000",
            converter = Converters.PositiveLong.class,
            description = "Policy-token budgets per problem. Default: ${DEFAULT-VALUE}.")
    List<Long> budgets;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "16", converter = Converters.PositiveInt.class,
            description = "Independent samples per problem for the monitors. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--temperature", paramLabel = "T",
            description = "Sampling temperature of the monitors' samples. Default: each model's own (banyan.json).")
    Double temperature;

    @Option(names = "--top", paramLabel = "k", defaultValue = "4", converter = Converters.PositiveInt.class,
            description = "Reward@k: the share of right samples among the k the PRM ranks highest. "
                    + "Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--reward", paramLabel = "AGG", defaultValue = "PROD",
            description = "How a sample's step scores make its reward: ${COMPLETION-CANDIDATES}. Default: "
                    + "${DEFAULT-VALUE} (the PRM's chance that every step is right, as MCTS* values a terminal).")
    Aggregation reward;

    @Mixin
    SeedOption seedOption;

    @Mixin
    ParallelOption parallelOption;

    @Mixin
    TimeLimitOption timeLimitOption;

    @Mixin
    DeviceOption deviceOption;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Also write evaluate.md, evaluate.csv, monitors.csv and evaluate.json (with every "
                    + "problem's verdicts) here. Default: print only.")
    Path outputDir;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "An earlier evaluation's evaluate.json (e.g. the previous round's), shown first and used as "
                    + "the baseline of the paired differences; it must have the same samples, temperature, top and "
                    + "reward settings. Default: none.")
    Path baseline;

    @Option(names = "--force", description = "Replace an earlier evaluation in --output-dir. Default: ${DEFAULT-VALUE}.")
    boolean force;

    @Mixin
    InputFields fields;

    @Override
    public Integer call() {
        if (temperature != null && !(temperature >= 0 && !temperature.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--temperature must be >= 0 and finite, was " + temperature);
        }
        Map<String, List<Problem>> sets = loadInputs();
        if (outputDir == null) {
            evaluate(sets);
            return 0;
        }
        for (String name : EvaluateReport.fileNames()) {
            Path file = outputDir.resolve(name);
            for (String input : inputs) {
                Outputs.requireDistinct(file, "the output", ProblemSource.inputFile(inputPart(input)), "--input");
            }
            Outputs.requireFreshFile(file, "--output-dir file", force,
                    "pass --force to replace that evaluation, or choose another --output-dir");
        }
        try (OutputLock lock = OutputLock.onDirectory(outputDir, "--output-dir", "evaluate")) {
            EvaluateReport report = evaluate(sets);
            report.write(outputDir);
        }
        return 0;
    }

    private EvaluateReport evaluate(Map<String, List<Problem>> sets) {
        EvaluateReport report = new EvaluateReport(samples, temperature, top, reward);
        if (baseline != null) {
            report.addEarlier(baseline);
        }
        for (Path directory : models) {
            String name = directory.toString();
            try (ModelBundle bundle = ModelBundle.open(directory, deviceOption.device)) {
                for (List<Problem> problems : sets.values()) {
                    Problems.checkQuestions(bundle.task(), problems);
                }
                spec.commandLine().getErr().printf("evaluate: model %s%n", bundle.description());
                for (Map.Entry<String, List<Problem>> set : sets.entrySet()) {
                    for (String algorithm : algorithms) {
                        for (long budget : budgets) {
                            report.add(successCell(bundle, name, set.getKey(), set.getValue(), algorithm, budget));
                        }
                    }
                }
                if (temperature == null) {
                    sampleAll(bundle, name, sets, report);
                }
            }
            if (temperature != null) {
                try (ModelBundle sampler = SamplingModel.open(directory, temperature, deviceOption.device)) {
                    sampleAll(sampler, name, sets, report);
                }
            }
        }
        spec.commandLine().getOut().print(report.markdown());
        spec.commandLine().getOut().flush();
        return report;
    }

    private void sampleAll(ModelBundle bundle, String model, Map<String, List<Problem>> sets, EvaluateReport report) {
        for (Map.Entry<String, List<Problem>> set : sets.entrySet()) {
            report.add(monitorCell(bundle, model, set.getKey(), set.getValue()));
        }
    }

    private EvaluateReport.Success successCell(ModelBundle bundle, String model, String input, List<Problem> problems,
                                               String algorithm, long budget) {
        Map<String, Boolean> verdicts = new ConcurrentHashMap<>();
        AtomicLong tokens = new AtomicLong();
        try (Banyan banyan = settings(Banyan.builder().bundle(bundle)).algorithm(algorithm).budgetTokens(budget).build();
             Progress progress = Progress.start(input + " " + algorithm + " @ " + budget, problems.size(),
                     spec.commandLine().getErr())) {
            ProblemRunner.run(banyan, problems, parallelOption.parallel, progress, solution -> {
                verdicts.put(solution.id(), Boolean.TRUE.equals(solution.solved()));
                tokens.addAndGet(solution.result().stats().policyTokens());
            });
        }
        boolean[] solved = new boolean[problems.size()];
        for (int i = 0; i < solved.length; i++) {
            solved[i] = verdicts.get(problems.get(i).id());
        }
        return new EvaluateReport.Success(model, input, algorithm, budget, ids(problems), solved,
                (double) tokens.get() / problems.size());
    }

    private EvaluateReport.Monitors monitorCell(ModelBundle bundle, String model, String input, List<Problem> problems) {
        Map<String, List<EvalMetrics.Sample>> drawn = new ConcurrentHashMap<>();
        AtomicLong tokens = new AtomicLong();
        // K chains, each an independent sample, chosen among by the PRM alone; the token cap never binds first.
        AlgorithmSpec chains = new AlgorithmSpec.BestOfN(samples, AlgorithmSpec.BestOfNMode.ARGMAX, reward);
        try (Banyan banyan = settings(Banyan.builder().bundle(bundle)).algorithm(chains)
                .budgetTokens(samples * 4_000L).budgetSimulations(samples).build();
             Progress progress = Progress.start(input + " " + samples + " samples", problems.size(),
                     spec.commandLine().getErr())) {
            ProblemRunner.run(banyan, problems, parallelOption.parallel, progress, solution -> {
                drawn.put(solution.id(), samplesOf(solution));
                tokens.addAndGet(solution.result().stats().policyTokens());
            });
        }
        List<List<EvalMetrics.Sample>> perProblem = new ArrayList<>();
        for (Problem problem : problems) {
            perProblem.add(drawn.get(problem.id()));
        }
        return EvaluateReport.Monitors.of(model, input, perProblem, top, (double) tokens.get() / problems.size());
    }

    private List<EvalMetrics.Sample> samplesOf(Solution solution) {
        return TreeSamples.of(solution.result().tree(), solution.task(), solution.groundTruth(), reward);
    }

    private Banyan.Builder settings(Banyan.Builder builder) {
        return builder.seed(seedOption.seed).timeLimit(timeLimitOption.timeLimit);
    }

    private Map<String, List<Problem>> loadInputs() {
        Map<String, List<Problem>> sets = new LinkedHashMap<>();
        for (String input : inputs) {
            Matcher named = NAMED.matcher(input);
            String name = named.matches() ? named.group(1) : defaultName(input);
            if (sets.containsKey(name)) {
                throw new ParameterException(spec.commandLine(), "two --input are named '" + name
                        + "'; name them (NAME=FILE)");
            }
            sets.put(name, ProblemSource.load(inputPart(input), fields));
        }
        return sets;
    }

    private static String inputPart(String input) {
        Matcher named = NAMED.matcher(input);
        return named.matches() && !Files.exists(Path.of(input)) ? named.group(2) : input;
    }

    /** {@code val} for {@code data/val.jsonl}; a built-in data set keeps its spec. */
    private static String defaultName(String input) {
        Path file = ProblemSource.inputFile(input);
        if (file == null || file.getFileName() == null) {
            return input;
        }
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static List<String> ids(List<Problem> problems) {
        return problems.stream().map(Problem::id).toList();
    }

    /**
     * A model directory opened with another sampling temperature: a copy of its {@code banyan.json} with the
     * temperature replaced and the policy and PRM named by absolute path, in a temporary directory that is gone
     * once the models are open.
     */
    static final class SamplingModel {
        private SamplingModel() {
        }

        static ModelBundle open(Path directory, double temperature, String device) {
            Path copy = null;
            try {
                JsonNode config = JsonRecords.MAPPER.readTree(directory.resolve("banyan.json").toFile());
                if (!(config instanceof ObjectNode object)) {
                    throw new UserError(directory.resolve("banyan.json") + " must hold a JSON object");
                }
                object.put("temperature", temperature);
                for (String part : List.of("policy", "prm")) {
                    JsonNode value = object.get(part);
                    if (value != null && value.isTextual() && !value.asText().equals("simulated")) {
                        object.put(part, directory.resolve(value.asText()).toAbsolutePath().normalize().toString());
                    }
                }
                copy = Files.createTempDirectory("banyan-evaluate-");
                Files.writeString(copy.resolve("banyan.json"), JsonRecords.MAPPER.writeValueAsString(object));
                return ModelBundle.open(copy, device);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + directory.resolve("banyan.json") + ": "
                        + IoErrors.reason(e), e);
            } finally {
                if (copy != null) {
                    try {
                        Files.deleteIfExists(copy.resolve("banyan.json"));
                        Files.deleteIfExists(copy);
                    } catch (IOException ignored) {
                        // a leftover file in the temporary directory; the models are open either way
                    }
                }
            }
        }
    }
}
