package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Aggregation;
import dev.banyan.search.Budget;
import dev.banyan.search.SearchResult;
import dev.banyan.search.TreeNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** Beam search and DVTS, checked on the shape of the trees they leave (a noisy PRM, so scores rarely tie). */
class BeamSearchesTest {
    private static final Budget ROOMY = new Budget(Long.MAX_VALUE, 1000, Duration.ofSeconds(60));

    private static boolean expanded(TreeNode node) {
        return ((Node) node).roundsDone() > 0;
    }

    private static Map<Integer, List<Node>> byDepth(SearchResult result) {
        Map<Integer, List<Node>> levels = new HashMap<>();
        for (TreeNode node : result.tree().nodes()) {
            levels.computeIfAbsent(node.depth(), d -> new ArrayList<>()).add((Node) node);
        }
        return levels;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void beamKeepsTheBestWidthPathsAtEachDepth(int threads) {
        AlgorithmSpec.Beam spec = new AlgorithmSpec.Beam(3, 4, Aggregation.MEAN);
        for (long seed = 0; seed < 3; seed++) {
            SearchResult result = EveryAlgorithmTest.search(new ToyWorld(5).withNoisyPrm(), spec, ROOMY, threads, seed, "23");
            TreeInvariants.check(result.tree());
            int expansions = 0;
            for (Map.Entry<Integer, List<Node>> level : byDepth(result).entrySet()) {
                List<Node> beams = level.getValue().stream().filter(BeamSearchesTest::expanded).toList();
                List<Node> passedOver = level.getValue().stream().filter(n -> !expanded(n) && !n.isTerminal()).toList();
                expansions += beams.size();
                assertThat(beams).as("live beams at depth %s", level.getKey()).hasSizeLessThanOrEqualTo(spec.width());
                for (Node beam : beams) {
                    assertThat(beam.isTerminal()).isFalse();
                    assertThat(beam.children()).hasSizeLessThanOrEqualTo(spec.expansions());
                    assertThat(beam.roundsDone()).as("a beam is expanded once").isEqualTo(1);
                    assertThat(beam.parent() == null || expanded(beam.parent())).as("beams grow from beams").isTrue();
                    for (Node other : passedOver) {
                        assertThat(beam.valueAcquire()).as("kept %s over %s", beam, other).isGreaterThanOrEqualTo(other.valueAcquire());
                    }
                }
                if (!passedOver.isEmpty()) {
                    assertThat(beams).as("a full beam when candidates were passed over").hasSize(spec.width());
                }
                for (Node node : level.getValue()) {
                    if (node.parent() != null) {
                        assertThat(node.valueAcquire()).isCloseTo(PathScore.of(Aggregation.MEAN, node), offset(1e-12));
                    }
                }
            }
            assertThat(result.stats().simulations()).as("one simulation per expansion").isEqualTo(expansions);
            double bestTerminal = result.tree().nodes().stream().filter(TreeNode::isTerminal)
                    .mapToDouble(TreeNode::value).max().orElseThrow();
            assertThat(result.trace().get(result.trace().size() - 1).value()).isEqualTo(bestTerminal);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void dvtsGrowsOneGreedyBeamInEachOfItsSubtrees(int threads) {
        AlgorithmSpec.Dvts spec = new AlgorithmSpec.Dvts(12, 4, Aggregation.LAST);
        int subtrees = spec.width() / spec.expansions();
        for (long seed = 0; seed < 3; seed++) {
            ToyWorld world = new ToyWorld(5).withNoisyPrm();
            SearchResult result = EveryAlgorithmTest.search(world, spec, ROOMY, threads, seed, "23");
            TreeInvariants.check(result.tree());
            TreeNode root = result.tree().root();
            List<Node> firstSteps = new ArrayList<>();
            root.children().forEach(c -> firstSteps.add((Node) c));
            assertThat(firstSteps).hasSizeLessThanOrEqualTo(spec.width());
            List<Node> starts = firstSteps.stream().filter(n -> expanded(n) || n.isTerminal()).toList();
            List<Node> rest = firstSteps.stream().filter(n -> !starts.contains(n)).toList();
            assertThat(starts).as("subtree roots").hasSize(Math.min(subtrees, firstSteps.size()));
            for (Node start : starts) {
                for (Node other : rest) {
                    assertThat(start.valueAcquire()).isGreaterThanOrEqualTo(other.valueAcquire());
                }
            }
            Map<String, Double> weights = new LinkedHashMap<>();
            for (Node start : starts) {
                Node node = start;
                while (expanded(node)) {
                    assertThat(node.children()).hasSizeLessThanOrEqualTo(spec.expansions());
                    Node best = null;
                    for (Node child : node.childrenAcquire()) {
                        if (best == null || child.valueAcquire() > best.valueAcquire()) {
                            best = child;
                        }
                    }
                    for (Node child : node.childrenAcquire()) {
                        assertThat(child == best || !expanded(child)).as("only the best child of %s grows", node).isTrue();
                    }
                    node = best;
                }
                assertThat(node.isTerminal()).as("a subtree ends on a terminal with this budget").isTrue();
                weights.merge(world.task().extractAnswer(node.path()).orElseThrow(), node.valueAcquire(), Double::sum);
            }
            double top = weights.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertThat(weights.get(result.answer().orElseThrow())).as("PRM-weighted vote %s", weights).isCloseTo(top, offset(1e-12));
        }
    }

    /** Regression: a derived pass whose root expansion found no new first step started zero workers and threw. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void dvtsEndsWhenTheRootHasNoNewFirstStep(int threads) {
        AlgorithmSpec.Dvts spec = AlgorithmSpec.Dvts.defaults();
        Budget tokens = new Budget(5_000, Long.MAX_VALUE, Duration.ofSeconds(60));
        for (long seed = 0; seed < 3; seed++) {
            ToyWorld world = new ToyWorld(3).withDigits(2).withNoisyPrm();
            SearchResult result = EveryAlgorithmTest.search(world, spec, tokens, threads, seed, "3");
            TreeInvariants.check(result.tree());
            assertThat(result.tree().root().children()).as("only two first steps exist").hasSizeLessThanOrEqualTo(2);
        }
    }
}
