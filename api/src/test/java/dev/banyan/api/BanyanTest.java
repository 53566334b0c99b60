package dev.banyan.api;

import dev.banyan.search.Aggregation;
import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Policy;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.game24.Game24Task;
import dev.banyan.search.game24.SimulatedPolicy;
import dev.banyan.search.game24.SimulatedPrm;
import dev.banyan.search.targets.SftSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BanyanTest {
    private static final Path SIMULATED = Path.of(System.getProperty("banyan.root", "..")).resolve("models/simulated");

    @Test
    void searchesWithTheModelsDefaultsAndReturnsTheTreeAndItsTargets() {
        try (Banyan banyan = Banyan.builder().model(SIMULATED).seed(1).build()) {
            assertThat(banyan.algorithm()).isInstanceOf(AlgorithmSpec.MctsStar.class);
            assertThat(banyan.budget().policyTokens()).isEqualTo(2000);

            Solution solution = banyan.search("p1", "4 9 10 13", null);

            assertThat(solution.id()).isEqualTo("p1");
            assertThat(solution.result().tree().nodes()).hasSizeGreaterThan(solution.result().trace().size());
            assertThat(solution.engineStats()).isEqualTo(EngineStats.ZERO);
            if (Boolean.TRUE.equals(solution.solved())) {
                assertThat(solution.targets().sft()).isNotEmpty();
                SftSample sample = solution.targets().sft().get(0);
                assertThat(sample.steps().get(sample.steps().size() - 1)).startsWith("Answer:");
                assertThat(solution.targets().valueTargets()).hasSize(solution.result().tree().nodes().size() - 1);
            }
        }
    }

    @Test
    void settingsGivenInCodeWinOverTheModelFile() {
        try (Banyan banyan = Banyan.builder().model(SIMULATED).algorithm("mcts-star").budgetTokens(300)
                .budgetSimulations(4).build()) {
            Solution solution = banyan.search("1 1 4 6");

            assertThat(banyan.budget().policyTokens()).isEqualTo(300);
            assertThat(solution.result().stats().simulations()).isLessThanOrEqualTo(4);
            assertThat(solution.id()).isNull();
        }
    }

    @Test
    void inFlightSetsMctsStarsSimulationsInFlightAndNothingElse() {
        try (Banyan banyan = Banyan.builder().model(SIMULATED).algorithm("mcts-star").inFlight(8).budgetTokens(300)
                .build()) {
            assertThat(((AlgorithmSpec.MctsStar) banyan.algorithm()).inFlight()).isEqualTo(8);
            assertThat(banyan.search("1 1 4 6").result().stats().policyTokens()).isPositive();
        }
        assertThatThrownBy(() -> Banyan.builder().model(SIMULATED).algorithm("beam").inFlight(8).build())
                .hasMessageContaining("inFlight applies to mcts-star only; the algorithm is beam");
    }

    /** Reference mode: one simulation in flight whatever inFlight says; a given bundle must be opened for it. */
    @Test
    void referenceModeSearchesOneSimulationAtATimeAndNeedsAReferenceBundle() {
        try (Banyan banyan = Banyan.builder().model(SIMULATED).algorithm("mcts-star").inFlight(8).threads(4)
                .reference(true).budgetTokens(300).build()) {
            assertThat(((AlgorithmSpec.MctsStar) banyan.algorithm()).inFlight()).isEqualTo(1);
            assertThat(banyan.search("1 1 4 6").result().stats().policyTokens()).isPositive();
        }
        try (ModelBundle plain = ModelBundle.open(SIMULATED)) {
            assertThatThrownBy(() -> Banyan.builder().bundle(plain).reference(true).build())
                    .hasMessageContaining("reference(true) needs a bundle opened in reference mode");
        }
        try (ModelBundle reference = ModelBundle.open(SIMULATED, null, null, null, true);
             Banyan banyan = Banyan.builder().bundle(reference).reference(true).budgetTokens(300).build()) {
            assertThat(reference.reference()).isTrue();
            assertThat(banyan.search("1 1 4 6").result().stats().policyTokens()).isPositive();
        }
    }

    @Test
    void theModelFilesDefaultsAreRead() throws IOException {
        Path model = Files.createTempDirectory("banyan-model");
        Files.writeString(model.resolve("banyan.json"), "{\"task\": \"game24\", \"policy\": \"simulated\","
                + " \"prm\": \"simulated\", \"algorithm\": \"greedy\", \"budgetTokens\": 77, \"maxStepTokens\": 5}");

        assertThat(ModelConfig.read(model).defaults()).isEqualTo(new SearchDefaults("greedy", 77, 5, Map.of()));
    }

    @Test
    void aModelsAlgorithmSettingsOverrideThePaperDefaults() throws IOException {
        Path model = Files.createTempDirectory("banyan-model");
        Files.writeString(model.resolve("banyan.json"), "{\"task\": \"game24\", \"policy\": \"simulated\","
                + " \"prm\": \"simulated\", \"algorithms\": {\"beam\": {\"width\": 2, \"aggregation\": \"min\"}}}");
        try (Banyan banyan = Banyan.builder().model(model).algorithm("beam").build()) {
            assertThat(banyan.algorithm()).isEqualTo(new AlgorithmSpec.Beam(2, 4, Aggregation.MIN));
        }
        try (Banyan banyan = Banyan.builder().model(model).algorithm("dvts").build()) {
            assertThat(banyan.algorithm()).isEqualTo(AlgorithmSpec.Dvts.defaults());
        }
        Files.writeString(model.resolve("banyan.json"), "{\"task\": \"game24\", \"policy\": \"simulated\","
                + " \"prm\": \"simulated\", \"algorithms\": {\"beam\": {\"depth\": 2}}}");
        assertThatThrownBy(() -> ModelConfig.read(model)).isInstanceOf(ModelException.class)
                .hasMessageContaining("banyan.json: \"algorithms.beam\": unknown setting 'depth' for beam");
    }

    @Test
    void theBundlesStepLimitReachesThePolicy() {
        Set<Integer> asked = ConcurrentHashMap.newKeySet();
        SimulatedPolicy simulated = SimulatedPolicy.builder().build();
        Policy recording = request -> {
            asked.add(request.maxTokens());
            return simulated.propose(request);
        };
        try (Banyan banyan = Banyan.builder().bundle(bundle(recording, new SearchDefaults("mcts-star", 300, 33, Map.of())))
                .build()) {
            banyan.search("4 9 10 13");

            assertThat(banyan.budget().policyTokens()).isEqualTo(300);
        }
        assertThat(asked).containsExactly(33);
    }

    @Test
    void aBundleBuiltInCodeIsUsedAndLeftOpen() {
        AtomicBoolean closed = new AtomicBoolean();
        ModelBundle bundle = bundle(SimulatedPolicy.builder().solvableLean(1).slipRate(0).build(), SearchDefaults.BUILT_IN,
                () -> closed.set(true));
        try (Banyan banyan = Banyan.builder().bundle(bundle).build()) {
            Solution solution = banyan.search("4 9 10 13");

            assertThat(solution.solved()).as("a policy that only takes solvable steps, checked exactly").isTrue();
            assertThat(solution.task().verifier().verify(ReasoningPath.of("4 9 10 13",
                    solution.result().trace().stream().map(step -> step.text()).toList()), null).asBoolean()).isTrue();
        }
        assertThat(closed).isFalse();
    }

    private static ModelBundle bundle(Policy policy, SearchDefaults defaults) {
        return bundle(policy, defaults, () -> { });
    }

    /** Game of 24 with the given policy and the exact PRM. */
    private static ModelBundle bundle(Policy policy, SearchDefaults defaults, Runnable onClose) {
        Game24Task task = new Game24Task();
        return new ModelBundle() {
            @Override
            public Game24Task task() {
                return task;
            }

            @Override
            public Policy policy() {
                return policy;
            }

            @Override
            public SimulatedPrm stepScorer() {
                return SimulatedPrm.exact();
            }

            @Override
            public SearchDefaults defaults() {
                return defaults;
            }

            @Override
            public String description() {
                return "in code";
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }

    @Test
    void theBuilderChecksEachValueAtOnce() {
        assertThatThrownBy(() -> Banyan.builder().algorithm("nope")).hasMessageContaining("unknown algorithm 'nope'");
        assertThatThrownBy(() -> Banyan.builder().budgetTokens(0)).hasMessageContaining("budgetTokens must be positive");
        assertThatThrownBy(() -> Banyan.builder().threads(0)).hasMessageContaining("threads must be positive");
        assertThatThrownBy(() -> Banyan.builder().inFlight(0)).hasMessageContaining("inFlight must be positive");
        assertThatThrownBy(() -> Banyan.builder().timeLimit(java.time.Duration.ZERO)).hasMessageContaining("timeLimit");
    }

    @Test
    void theDefaultModelIsTheDemoIfShippedElseTheSimulatedOne() {
        Path models = ModelDirectory.projectRoot().resolve("models");
        Path expected = Files.isDirectory(models.resolve("game24")) ? models.resolve("game24") : models.resolve("simulated");

        assertThat(ModelBundle.defaultDirectory()).isEqualTo(expected);
        assertThat(expected.resolve("banyan.json")).exists();
    }

    @Test
    void theSimulatedTunablesComeFromTheModelFile() {
        ModelConfig config = ModelConfig.read(SIMULATED);
        Part<Policy> policy = SimulatedModels.policy(config);

        assertThat(((SimulatedPolicy) policy.model()).slipRate()).isEqualTo(config.simulated().number("slipRate", -1, 0, 1)).isEqualTo(0.05);
        assertThat(((SimulatedPrm) SimulatedModels.stepScorer(config).model()).noise())
                .isEqualTo(config.simulated().number("prmNoise", -1, 0, 1)).isEqualTo(0.2);
    }
}
