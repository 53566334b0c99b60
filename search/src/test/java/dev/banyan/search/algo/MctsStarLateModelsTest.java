package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.Policy;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.TreeNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCTS* with models that answer late, on other threads: the order of visits changes with timing, the tree's
 * invariants do not. Checked once the search is quiescent.
 */
class MctsStarLateModelsTest {
    private static final Budget BUDGET = new Budget(Long.MAX_VALUE, 120, Duration.ofSeconds(60));

    @ParameterizedTest(name = "{0} threads, answerLikelihood {1}")
    @CsvSource({"2, false", "8, true"})
    void lateModelsKeepEveryInvariant(int threads, boolean answerLikelihood) {
        AlgorithmSpec.MctsStar spec = new AlgorithmSpec.MctsStar(0.4, 0.9, 3, 1, 3, 0.5, 0.9,
                AlgorithmSpec.AnswerMode.BEST_VALUE, 0.1, 12, true, answerLikelihood);
        ToyWorld world = new ToyWorld(4).withNoisyPrm();
        SearchResult result;
        try (LateModels late = new LateModels(threads, 20);
             Searcher searcher = Searcher.builder().task(world.task()).policy(late.policy(world.policy()))
                     .stepScorer(late.scorer(world.scorer())).algorithm(spec).budget(BUDGET).threads(threads)
                     .seed(threads).build()) {
            result = searcher.search("19", null);
        }

        TreeInvariants.check(result.tree());
        assertThat(result.tree().root().visits()).isEqualTo(result.stats().simulations());
        assertThat(world.duplicateRequests).as("a node was expanded twice").hasValue(0);
        double bestTerminal = Double.NEGATIVE_INFINITY;
        for (TreeNode view : result.tree().nodes()) {
            Node node = (Node) view;
            if (node.isTerminal()) {
                double own = answerLikelihood ? Math.exp(node.logProb()) : node.prmScore();
                assertThat(node.valueAcquire()).as("V of terminal %s", node)
                        .isEqualTo(own * PathScore.product(node.parent()));
                bestTerminal = Math.max(bestTerminal, node.valueAcquire());
            }
        }
        if (result.stats().simulations() < BUDGET.simulations()) {
            assertThat(bestTerminal).as("the search stopped early, so some terminal reached the gate")
                    .isGreaterThanOrEqualTo(spec.endGate());
        }
    }

    /**
     * With one thread every model call from a node of the tree comes from that node's own simulation, so the node
     * carries exactly one simulation in flight: the expanded leaf, and the new child a rollout starts from.
     */
    @Test
    void everyModelCallIsMadeUnderTheCallersVirtualLoss() {
        ToyWorld world = new ToyWorld(4);
        List<String> unguarded = new ArrayList<>();
        SearchRun[] run = new SearchRun[1];
        Policy policy = request -> {
            Node node = find(run[0].tree.root(), request.path().steps());
            if (node != null && node.parent() != null && node.virtualLossOpaque() != 1) {
                unguarded.add(node + " in flight " + node.virtualLossOpaque());
            }
            return world.policy().propose(request);
        };
        run[0] = new SearchRun(world.task(), policy, world.scorer(), null, BUDGET.withSimulations(60), 3, 16, "17");
        new MctsStarSearch(AlgorithmSpec.MctsStar.defaults(), 1, null).search(run[0]);
        assertThat(unguarded).isEmpty();
        TreeInvariants.check(run[0].tree);
    }

    /** The node at the end of {@code steps} from {@code root}, or null when the tree has no such path. */
    private static Node find(Node root, List<String> steps) {
        Node node = root;
        for (String step : steps) {
            Node next = null;
            for (Node child : node.childrenAcquire()) {
                if (child.step().equals(step)) {
                    next = child;
                }
            }
            if (next == null) {
                return null;
            }
            node = next;
        }
        return node;
    }
}
