package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.TreeNode;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MctsStarTreeTest {
    private static final Budget SIMULATIONS = new Budget(Long.MAX_VALUE, 3000, Duration.ofSeconds(60));

    /** No early stop and no widening cap reached quickly: the search runs all its simulations. */
    private static final AlgorithmSpec.MctsStar NEVER_DONE = new AlgorithmSpec.MctsStar(
            0.4, 0.9, 3, 1, 3, 0.5, 2.0, AlgorithmSpec.AnswerMode.BEST_VALUE, 0.1, 12, true, false);

    private static SearchResult search(ToyWorld world, int threads, long seed, String target) {
        return search(world, threads, seed, target, SIMULATIONS);
    }

    private static SearchResult search(ToyWorld world, int threads, long seed, String target, Budget budget) {
        try (Searcher searcher = Searcher.builder().task(world.task()).policy(world.policy())
                .stepScorer(world.scorer()).algorithm(NEVER_DONE).budget(budget)
                .threads(threads).seed(seed).build()) {
            return searcher.search(target, null);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void concurrentSearchKeepsEveryInvariant(int threads) {
        for (int round = 0; round < 3; round++) {
            ToyWorld world = new ToyWorld(5);
            SearchResult result = search(world, threads, round, "23");
            TreeInvariants.check(result.tree());
            TreeNode root = result.tree().root();
            assertThat(root.visits()).isEqualTo(result.stats().simulations());
            assertThat(result.stats().simulations()).isBetween(1L, SIMULATIONS.simulations());
            assertThat(world.duplicateRequests).as("a node was expanded twice").hasValue(0);
            assertThat(result.stats().nodes()).isEqualTo(result.tree().nodes().size());
        }
    }

    @Test
    void singleThreadIsReproducible() {
        SearchResult first = search(new ToyWorld(5), 1, 42, "23");
        SearchResult second = search(new ToyWorld(5), 1, 42, "23");
        assertThat(describe(first)).isEqualTo(describe(second));
        assertThat(first.trace()).isEqualTo(second.trace());
    }

    @Test
    void concurrentTreeAgreesWithSingleThreadedOnInvariants() {
        // Below the point where the search converges and stops for lack of growth, so both run the full budget.
        Budget budget = SIMULATIONS.withSimulations(800);
        SearchResult single = search(new ToyWorld(8), 1, 7, "61", budget);
        SearchResult parallel = search(new ToyWorld(8), 4, 7, "61", budget);
        TreeInvariants.check(single.tree());
        TreeInvariants.check(parallel.tree());
        assertThat(single.tree().root().visits()).isEqualTo(800);
        assertThat(parallel.tree().root().visits()).isEqualTo(800);
        // With the exact PRM the seeded single-threaded run finds a correct sum. The concurrent run's answer
        // depends on thread timing; it missed in about 1 run of 200 on a loaded machine, so it is not asserted.
        assertThat(single.verdict().asBoolean()).isTrue();
    }

    @RepeatedTest(3)
    void earlyStopEndsOnACorrectLeaf() {
        ToyWorld world = new ToyWorld(4);
        try (Searcher searcher = Searcher.builder().task(world.task()).policy(world.policy())
                .stepScorer(world.scorer()).budget(SIMULATIONS).threads(2).build()) {
            SearchResult result = searcher.search("20", null);
            assertThat(result.answer()).contains("20");
            assertThat(result.stats().simulations()).isLessThan(SIMULATIONS.simulations());
            TreeInvariants.check(result.tree());
        }
    }

    @Test
    void backupSetsVisitWeightedMeanOfChildren() {
        SearchResult result = search(new ToyWorld(4), 1, 3, "17");
        for (TreeNode view : result.tree().nodes()) {
            Node node = (Node) view;
            if (node.selfVisitsOpaque() > 0 || node.childrenAcquire().length == 0) {
                continue; // leaves and nodes with rollout visits keep their own blend
            }
            double sum = 0;
            int weight = 0;
            for (Node child : node.childrenAcquire()) {
                sum += child.visitsOpaque() * child.valueAcquire();
                weight += child.visitsOpaque();
            }
            assertThat(node.valueAcquire()).as("V of %s", node).isCloseTo(sum / weight, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static String describe(SearchResult result) {
        StringBuilder text = new StringBuilder();
        List<TreeNode> nodes = result.tree().nodes();
        for (TreeNode node : nodes) {
            text.append(node.id()).append(' ').append(node.parent() == null ? -1 : node.parent().id()).append(' ')
                    .append(node.step()).append(' ').append(node.value()).append(' ').append(node.visits()).append('\n');
        }
        return text.toString();
    }

    @Test
    void theIdleSlackDecidesWhenAnExhaustedTreeStops() {
        // Two digits and two steps: a tree of a few nodes, exhausted long before the budget.
        ToyWorld world = new ToyWorld(2).withDigits(2);
        long[] simulations = new long[2];
        int[] slacks = {0, 500};
        for (int i = 0; i < 2; i++) {
            AlgorithmSpec.MctsStar spec = new AlgorithmSpec.MctsStar(0.4, 0.9, 3, 1, 3, 0.5, 2.0,
                    AlgorithmSpec.AnswerMode.BEST_VALUE, 0.1, 12, true, false, 1.0, 20, slacks[i], 64);
            try (Searcher searcher = Searcher.builder().task(world.task()).policy(world.policy())
                    .stepScorer(world.scorer()).algorithm(spec).budget(SIMULATIONS).threads(1).seed(1).build()) {
                SearchResult result = searcher.search("3", null);
                TreeInvariants.check(result.tree());
                simulations[i] = result.stats().simulations();
                assertThat(simulations[i]).isLessThan(SIMULATIONS.simulations())
                        .isGreaterThan(slacks[i] + result.stats().nodes());
            }
        }
        assertThat(simulations[1] - simulations[0]).isEqualTo(500);
    }
}
