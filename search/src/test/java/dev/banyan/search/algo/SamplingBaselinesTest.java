package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Aggregation;
import dev.banyan.search.AlgorithmSpec.BestOfNMode;
import dev.banyan.search.Budget;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.TraceStep;
import dev.banyan.search.TreeNode;
import dev.banyan.search.algo.ScriptedWorld.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** Greedy, self-consistency and best-of-N on cases worked out by hand. */
class SamplingBaselinesTest {
    private static final Budget ROOMY = new Budget(Long.MAX_VALUE, 1000, Duration.ofSeconds(60));

    private static SearchResult search(ScriptedWorld world, AlgorithmSpec spec, String truth) {
        try (Searcher searcher = Searcher.builder().task(world.task()).policy(world.policy())
                .stepScorer(world.scorer()).algorithm(spec).budget(ROOMY).build()) {
            return searcher.search("q", truth);
        }
    }

    private static SearchResult search(ToyWorld world, AlgorithmSpec spec, String target) {
        return EveryAlgorithmTest.search(world, spec, ROOMY, 1, 11, target);
    }

    private static List<String> steps(SearchResult result) {
        return result.trace().stream().map(TraceStep::text).toList();
    }

    private static Node child(TreeNode parent, String step) {
        return (Node) parent.children().stream().filter(c -> c.step().equals(step)).findFirst().orElseThrow();
    }

    @Test
    void greedyWalksOneChainOfTheLikeliestSteps() {
        ToyWorld world = new ToyWorld(4).withLean(7, 0.5);
        SearchResult result = search(world, new AlgorithmSpec.Greedy(), "28");
        assertThat(result.stats().simulations()).isEqualTo(1);
        assertThat(result.stats().nodes()).isEqualTo(world.depth + 2);
        assertThat(steps(result)).containsExactly("+7", "+7", "+7", "+7", "= 28");
        assertThat(result.answer()).contains("28");
        assertThat(result.stats().prmTokens()).as("greedy calls no PRM").isZero();
        for (TreeNode node : result.tree().nodes()) {
            assertThat(node.children()).hasSizeLessThanOrEqualTo(1);
            assertThat(node.visits()).isEqualTo(1);
            assertThat(node.value()).as("the one chain agrees with itself").isEqualTo(1.0);
        }
    }

    @Test
    void selfConsistencyTakesTheMajorityAnswer() {
        SearchResult result = search(ScriptedWorld.answers("5", "3", "3", "7", "5", "3"),
                new AlgorithmSpec.SelfConsistency(6), "3");
        assertThat(result.answer()).contains("3");
        assertThat(result.verdict().asBoolean()).isTrue();
        assertThat(steps(result)).containsExactly("= 3");
        TreeNode root = result.tree().root();
        assertThat(root.visits()).isEqualTo(6);
        assertThat(root.children()).hasSize(3);
        assertThat(child(root, "= 3").selfVisitsOpaque()).as("repeated samples share their node").isEqualTo(3);
        assertThat(root.value()).as("share of chains agreeing with the vote").isEqualTo(0.5);
        assertThat(child(root, "= 5").value()).isZero();
        assertThat(result.stats().prmTokens()).isZero();
    }

    @Test
    void selfConsistencyBreaksTiesByTheAnswerReachedFirst() {
        SearchResult result = search(ScriptedWorld.answers("5", "3", "3", "5"),
                new AlgorithmSpec.SelfConsistency(4), null);
        assertThat(result.answer()).contains("5");
    }

    @Test
    void selfConsistencyStopsAtItsSampleCount() {
        assertThat(search(ScriptedWorld.answers("5", "5", "3", "3", "3"), new AlgorithmSpec.SelfConsistency(4), null)
                .answer()).contains("5");
        SearchResult all = search(ScriptedWorld.answers("5", "5", "3", "3", "3"), new AlgorithmSpec.SelfConsistency(5), null);
        assertThat(all.answer()).contains("3");
        assertThat(all.stats().simulations()).isEqualTo(5);
    }

    @Test
    void chainsThatShareAPrefixShareItsNodes() {
        ScriptedWorld world = new ScriptedWorld(List.of(
                List.of(new Step("a", 1), new Step("= 1", 1)),
                List.of(new Step("b", 1), new Step("= 2", 1)),
                List.of(new Step("a", 1), new Step("= 1", 1))));
        SearchResult result = search(world, new AlgorithmSpec.SelfConsistency(3), "1");
        assertThat(steps(result)).containsExactly("a", "= 1");
        assertThat(result.stats().nodes()).isEqualTo(5);
        Node a = child(result.tree().root(), "a");
        assertThat(a.visitsOpaque()).isEqualTo(2);
        assertThat(a.children()).hasSize(1);
        TreeInvariants.check(result.tree());
    }

    /** The slow twin of the vote: count each answer's chains from the terminals' self visits. */
    @Test
    void selfConsistencyAgreesWithCountingTheTree() {
        for (long seed = 0; seed < 4; seed++) {
            ToyWorld world = new ToyWorld(3).withLean(3, 0.5);
            SearchResult result = EveryAlgorithmTest.search(world, new AlgorithmSpec.SelfConsistency(15), ROOMY, 1,
                    seed, "9");
            Map<String, Integer> chains = new HashMap<>();
            for (TreeNode view : result.tree().nodes()) {
                Node node = (Node) view;
                if (node.isTerminal()) {
                    chains.merge(world.task().extractAnswer(node.path()).orElseThrow(), node.selfVisitsOpaque(), Integer::sum);
                }
            }
            assertThat(chains.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(15);
            int most = chains.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertThat(chains.get(result.answer().orElseThrow())).as("seed %s: %s", seed, chains).isEqualTo(most);
        }
    }

    /**
     * Four scripted chains, each of a first step and an answer, with PRM scores:
     * <pre>
     *   chain  answer  scores     LAST  MIN  PROD  MEAN
     *   a      1       .3  .95    .95   .3   .285  .625
     *   b      2       .7  .7     .7    .7   .49   .7
     *   c      3       1   .6     .6    .6   .6    .8
     *   d      2       .2  .2     .2    .2   .04   .2
     * </pre>
     * ARGMAX takes the best row; WEIGHTED sums answer 2's rows (b + d: LAST .9, MIN .9, PROD .53, MEAN .9)
     * against 1 and 3; MAJORITY takes answer 2, which two chains reach, ending on b, the first of them.
     */
    @ParameterizedTest
    @CsvSource({
            "ARGMAX, LAST, 1, a", "ARGMAX, MIN, 2, b", "ARGMAX, PROD, 3, c", "ARGMAX, MEAN, 3, c",
            "WEIGHTED, LAST, 1, a", "WEIGHTED, MIN, 2, b", "WEIGHTED, PROD, 3, c", "WEIGHTED, MEAN, 2, b",
            "MAJORITY, LAST, 2, b", "MAJORITY, MIN, 2, b", "MAJORITY, PROD, 2, b", "MAJORITY, MEAN, 2, b"})
    void bestOfNModesAndAggregations(BestOfNMode mode, Aggregation aggregation, String answer, String firstStep) {
        ScriptedWorld world = new ScriptedWorld(List.of(
                List.of(new Step("a", 0.3), new Step("= 1", 0.95)),
                List.of(new Step("b", 0.7), new Step("= 2", 0.7)),
                List.of(new Step("c", 1.0), new Step("= 3", 0.6)),
                List.of(new Step("d", 0.2), new Step("= 2", 0.2))));
        SearchResult result = search(world, new AlgorithmSpec.BestOfN(4, mode, aggregation), answer);
        assertThat(result.answer()).contains(answer);
        assertThat(steps(result)).containsExactly(firstStep, "= " + answer);
        assertThat(result.stats().prmTokens()).as("every step scored once").isEqualTo(8);
        for (TreeNode node : result.tree().nodes()) {
            if (node.parent() != null) {
                assertThat(node.value()).as("value of %s", node).isCloseTo(PathScore.of(aggregation, (Node) node), offset(1e-12));
            }
        }
        Optional<TreeNode> c = result.tree().nodes().stream().filter(n -> n.step().equals("= 3")).findFirst();
        double expected = switch (aggregation) {
            case LAST, MIN, PROD -> 0.6;
            case MEAN -> 0.8;
        };
        assertThat(c.orElseThrow().value()).isCloseTo(expected, offset(1e-12));
    }

    /**
     * The PRM likes answer 1's line (.9 against .5) but the policy finds it unlikely (e^-3 ≈ .05 against
     * e^-0.2 ≈ .82). Weighted by PROD: without the likelihood a: .8·.9 = .72 beats b: .9·.5 = .45; with it
     * a: .8·.05 = .04 loses to b: .9·.82 = .74. Node values stay the PRM's either way.
     */
    @ParameterizedTest
    @CsvSource({"false, 1, a", "true, 2, b"})
    void answerLikelihoodWeighsTheAnswerLineByThePolicy(boolean answerLikelihood, String answer, String firstStep) {
        ScriptedWorld world = new ScriptedWorld(List.of(
                List.of(new Step("a", 0.8), new Step("= 1", 0.9, -3.0)),
                List.of(new Step("b", 0.9), new Step("= 2", 0.5, -0.2))));
        SearchResult result = search(world,
                new AlgorithmSpec.BestOfN(2, BestOfNMode.WEIGHTED, Aggregation.PROD, answerLikelihood), answer);
        assertThat(result.answer()).contains(answer);
        assertThat(steps(result)).containsExactly(firstStep, "= " + answer);
        for (TreeNode node : result.tree().nodes()) {
            if (node.parent() != null) {
                assertThat(node.value()).as("value of %s", node)
                        .isCloseTo(PathScore.of(Aggregation.PROD, (Node) node), offset(1e-12));
            }
        }
    }
}
