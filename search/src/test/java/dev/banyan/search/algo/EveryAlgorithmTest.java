package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Aggregation;
import dev.banyan.search.AlgorithmSpec.BestOfNMode;
import dev.banyan.search.Budget;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.TraceStep;
import dev.banyan.search.TreeNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every algorithm owes: a sound tree, the budget kept, one thread reproducible, easy targets found. */
class EveryAlgorithmTest {
    private static final Budget ROOMY = new Budget(Long.MAX_VALUE, 60, Duration.ofSeconds(60));
    /** η-MCTS whose critic also asks the ORM about two fast rollouts per new node. */
    static final AlgorithmSpec.EtaMcts ORM_CRITIC = new AlgorithmSpec.EtaMcts(1.0, 2, 6, 10.0, 2, 3, 0.5, 0.5, 1.0, 2);

    static Stream<AlgorithmSpec> algorithms() {
        return Stream.of(
                new AlgorithmSpec.Greedy(),
                new AlgorithmSpec.SelfConsistency(16),
                new AlgorithmSpec.BestOfN(16, BestOfNMode.WEIGHTED, Aggregation.MIN),
                new AlgorithmSpec.Beam(3, 3, Aggregation.LAST),
                new AlgorithmSpec.Dvts(6, 3, Aggregation.PROD),
                AlgorithmSpec.MctsStar.defaults(),
                AlgorithmSpec.EtaMcts.defaults(),
                ORM_CRITIC,
                AlgorithmSpec.AbMcts.defaults(),
                AlgorithmSpec.AbMcts.defaults().withPrior(AlgorithmSpec.ThompsonPrior.BETA)
                        .withAnswerMode(AlgorithmSpec.AnswerMode.VALUE_VOTE));
    }

    static Stream<Arguments> algorithmsAndThreads() {
        return algorithms().flatMap(spec -> Stream.of(Arguments.of(spec, 1), Arguments.of(spec, 3)));
    }

    static SearchResult search(ToyWorld world, AlgorithmSpec spec, Budget budget, int threads, long seed, String target) {
        try (Searcher searcher = Searcher.builder().task(world.task()).policy(world.policy())
                .stepScorer(world.scorer()).outcomeScorer(world.outcomeScorer()).algorithm(spec).budget(budget).threads(threads).seed(seed).build()) {
            return searcher.search(target, target);
        }
    }

    @ParameterizedTest
    @MethodSource("algorithmsAndThreads")
    void keepsTreeInvariants(AlgorithmSpec spec, int threads) {
        for (long seed = 0; seed < 3; seed++) {
            ToyWorld world = new ToyWorld(4).withNoisyPrm();
            SearchResult result = search(world, spec, ROOMY, threads, seed, "17");
            TreeInvariants.check(result.tree());
            assertThat(result.tree().root().visits()).as("one visit per simulation").isEqualTo(result.stats().simulations());
            assertThat(result.stats().simulations()).isBetween(1L, ROOMY.simulations());
            assertThat(result.stats().nodes()).isEqualTo(result.tree().nodes().size());
            assertThat(world.duplicateRequests).as("the same request asked twice").hasValue(0);
            assertThat(result.trace()).isNotEmpty();
            assertTraceIsATreePath(result);
        }
    }

    /** The trace names its nodes: each is the child of the one before (the first, of the root) with its text. */
    private static void assertTraceIsATreePath(SearchResult result) {
        Map<Integer, TreeNode> byId = new HashMap<>();
        result.tree().nodes().forEach(node -> byId.put(node.id(), node));
        TreeNode parent = result.tree().root();
        for (TraceStep step : result.trace()) {
            TreeNode node = byId.get(step.nodeId());
            assertThat(node).as("node %d of the trace", step.nodeId()).isNotNull();
            assertThat(node.parent()).isSameAs(parent);
            assertThat(node.step()).isEqualTo(step.text());
            parent = node;
        }
    }

    @ParameterizedTest
    @MethodSource("algorithmsAndThreads")
    void stopsAtTheTokenBudget(AlgorithmSpec spec, int threads) {
        long limit = 40;
        ToyWorld world = new ToyWorld(4);
        SearchResult result = search(world, spec, ROOMY.withPolicyTokens(limit).withSimulations(Long.MAX_VALUE),
                threads, 5, "17");
        assertThat(result.stats().policyTokens())
                .as("policy tokens of %s, one call each thread may pass", spec.name())
                .isLessThanOrEqualTo(limit + (long) threads * world.largestCallTokens.get());
        if (!(spec instanceof AlgorithmSpec.Greedy)) {
            assertThat(result.stats().policyTokens()).as("a search this small reaches the limit").isGreaterThanOrEqualTo(limit);
        }
        TreeInvariants.check(result.tree());
        assertThat(result.tree().root().visits()).isEqualTo(result.stats().simulations());
    }

    @ParameterizedTest
    @MethodSource("algorithmsAndThreads")
    void stopsAtTheSimulationBudget(AlgorithmSpec spec, int threads) {
        Budget fewSimulations = ROOMY.withSimulations(4);
        SearchResult result = search(new ToyWorld(5), spec, fewSimulations, threads, 9, "23");
        assertThat(result.stats().simulations()).isBetween(1L, 4L);
        assertThat(result.tree().root().visits()).isEqualTo(result.stats().simulations());
        TreeInvariants.check(result.tree());
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void oneThreadWithASeedIsReproducible(AlgorithmSpec spec) {
        SearchResult first = search(new ToyWorld(4).withNoisyPrm(), spec, ROOMY, 1, 42, "17");
        SearchResult second = search(new ToyWorld(4).withNoisyPrm(), spec, ROOMY, 1, 42, "17");
        SearchResult otherSeed = search(new ToyWorld(4).withNoisyPrm(), spec, ROOMY, 1, 43, "17");
        assertThat(describe(second)).isEqualTo(describe(first));
        assertThat(second.trace()).isEqualTo(first.trace());
        assertThat(second.answer()).isEqualTo(first.answer());
        assertThat(describe(otherSeed)).as("the seed matters").isNotEqualTo(describe(first));
    }

    static Stream<AlgorithmSpec> verifierGuided() {
        return Stream.of(
                new AlgorithmSpec.BestOfN(32, BestOfNMode.WEIGHTED, Aggregation.LAST),
                new AlgorithmSpec.BestOfN(32, BestOfNMode.ARGMAX, Aggregation.MIN),
                new AlgorithmSpec.Beam(4, 6, Aggregation.LAST),
                new AlgorithmSpec.Dvts(16, 8, Aggregation.MIN),
                AlgorithmSpec.MctsStar.defaults(),
                AlgorithmSpec.EtaMcts.defaults().withMergeDistance(1),
                ORM_CRITIC,
                AlgorithmSpec.AbMcts.defaults(),
                AlgorithmSpec.AbMcts.defaults().withPrior(AlgorithmSpec.ThompsonPrior.BETA));
    }

    /** Digits 0–2 over three steps: with the exact PRM, every guided search lands on the target. */
    @ParameterizedTest
    @MethodSource("verifierGuided")
    void exactPrmFindsAnEasyTarget(AlgorithmSpec spec) {
        for (long seed = 1; seed <= 3; seed++) {
            SearchResult result = search(new ToyWorld(3).withDigits(3), spec, ROOMY.withSimulations(200), 1, seed, "3");
            assertThat(result.answer()).as("%s, seed %s", spec.name(), seed).contains("3");
            assertThat(result.verdict().asBoolean()).isTrue();
        }
    }

    static String describe(SearchResult result) {
        StringBuilder text = new StringBuilder();
        List<TreeNode> nodes = result.tree().nodes();
        for (TreeNode node : nodes) {
            text.append(node.id()).append(' ').append(node.parent() == null ? -1 : node.parent().id()).append(' ')
                    .append(node.step()).append(' ').append(node.value()).append(' ').append(node.visits()).append('\n');
        }
        return text.toString();
    }
}
