package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.algo.Thompson.Moments;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** AB-MCTS-A's tree: GEN where nothing grows yet, and every score counted once in every arm it belongs to. */
class AbMctsTest {
    private static final Budget BUDGET = new Budget(Long.MAX_VALUE, 200, Duration.ofSeconds(60));

    private static SearchRun run(ToyWorld world, long simulations, long seed) {
        return new SearchRun(world.task(), world.policy(), world.scorer(), null, BUDGET.withSimulations(simulations),
                seed, 16, "17");
    }

    @Test
    void theFirstSimulationGeneratesAWholeChainFromTheRoot() {
        for (long seed = 0; seed < 10; seed++) {
            SearchRun run = run(new ToyWorld(4).withNoisyPrm(), 1, seed);
            new AbMctsSearch(AlgorithmSpec.AbMcts.defaults(), 1, null).search(run);
            Node node = run.tree.root();
            while (node.childrenAcquire().length > 0) {
                assertThat(node.childrenAcquire()).as("one chain").hasSize(1);
                node = node.childrenAcquire()[0];
            }
            assertThat(node.isTerminal()).as("the chain ends at a terminal").isTrue();
        }
    }

    @Test
    void laterSimulationsGrowBothWiderAndDeeper() {
        boolean wider = false;
        boolean deeper = false;
        for (long seed = 0; seed < 20; seed++) {
            SearchRun run = run(new ToyWorld(4).withNoisyPrm(), 12, seed);
            new AbMctsSearch(AlgorithmSpec.AbMcts.defaults(), 1, null).search(run);
            Node root = run.tree.root();
            wider |= root.childrenAcquire().length > 1;
            for (Node child : root.childrenAcquire()) {
                deeper |= child.childrenAcquire().length > 1;
            }
        }
        assertThat(wider).as("GEN at the root again").isTrue();
        assertThat(deeper).as("CONT, then GEN below the root").isTrue();
    }

    @Test
    void armsCountEveryScoreOnceUnderThreads() {
        armsCountEveryScoreOnce(AlgorithmSpec.AbMcts.defaults());
    }

    @Test
    void theStepPriorLeavesTheArmsAsTheyAre() {
        armsCountEveryScoreOnce(AlgorithmSpec.AbMcts.defaults().withStepPrior(true));
    }

    @Test
    void aPrunedStepEndsItsChainAndIsNeverEntered() {
        double floor = 0.5;
        boolean prunedAny = false;
        for (long seed = 0; seed < 10; seed++) {
            SearchRun run = run(new ToyWorld(4).withNoisyPrm(), 40, seed);
            Map<Node, AbMctsSearch.Arms> arms = new ConcurrentHashMap<>();
            new AbMctsSearch(AlgorithmSpec.AbMcts.defaults().withPruneBelow(floor), 1, null).search(run, arms);
            TreeInvariants.check(run.tree);
            checkArms(run.tree.root(), arms);
            ArrayDeque<Node> todo = new ArrayDeque<>(List.of(run.tree.root()));
            while (!todo.isEmpty()) {
                Node node = todo.pop();
                if (node.parent() != null && !node.isTerminal() && node.prmScore() < floor) {
                    prunedAny = true;
                    assertThat(node.childrenAcquire()).as("children of pruned %s", node).isEmpty();
                }
                todo.addAll(List.of(node.childrenAcquire()));
            }
        }
        assertThat(prunedAny).as("some step scored below the floor").isTrue();
    }

    @Test
    void armsCountEveryScoreOnceWithPruningUnderThreads() {
        armsCountEveryScoreOnce(AlgorithmSpec.AbMcts.defaults().withPruneBelow(0.3).withStepPrior(true));
    }

    @Test
    void bestStepIsTheHighestStepScoreInTheSubtree() {
        AlgorithmSpec.AbMcts spec = AlgorithmSpec.AbMcts.defaults().withStepPrior(true).withStepPriorFromSubtree(true);
        for (long seed = 0; seed < 5; seed++) {
            SearchRun run = run(new ToyWorld(4).withNoisyPrm(), 60, seed);
            Map<Node, AbMctsSearch.Arms> arms = new ConcurrentHashMap<>();
            new AbMctsSearch(spec, 1, null).search(run, arms);
            for (Node child : run.tree.root().childrenAcquire()) {
                checkBestStep(child, arms);
            }
        }
    }

    private static double checkBestStep(Node node, Map<Node, AbMctsSearch.Arms> arms) {
        double best = node.isTerminal() ? 0 : node.prmScore();
        for (Node child : node.childrenAcquire()) {
            best = Math.max(best, checkBestStep(child, arms));
        }
        assertThat(arms.get(node).bestStep.get()).as("best step under %s", node).isEqualTo(best);
        return best;
    }

    private static void armsCountEveryScoreOnce(AlgorithmSpec.AbMcts spec) {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (long seed = 0; seed < 5; seed++) {
                SearchRun run = run(new ToyWorld(5).withNoisyPrm(), 300, seed);
                Map<Node, AbMctsSearch.Arms> arms = new ConcurrentHashMap<>();
                new AbMctsSearch(spec, 4, pool).search(run, arms);
                TreeInvariants.check(run.tree);
                assertThat(run.tree.root().visits()).isEqualTo(run.simulationsRun());
                checkArms(run.tree.root(), arms);
                assertThat(arms).hasSize(run.tree.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every chain's outcome counts once in each node it passed (pooled), and once in its parent's GEN or CONT arm
     * (an empty GEN adds a 0 to GEN alone), so GEN's and CONT's scores are the children's pooled scores.
     */
    private static void checkArms(Node node, Map<Node, AbMctsSearch.Arms> arms) {
        AbMctsSearch.Arms here = arms.get(node);
        Moments gen = here.gen.get();
        Moments cont = here.cont.get();
        long below = 0;
        double belowSum = 0;
        for (Node child : node.childrenAcquire()) {
            Moments pooled = arms.get(child).pooled.get();
            assertThat(pooled.n()).as("chains through %s", child).isPositive();
            below += pooled.n();
            belowSum += pooled.sum();
            checkArms(child, arms);
        }
        assertThat(gen.n() + cont.n()).as("GEN and CONT of %s", node).isGreaterThanOrEqualTo(below);
        assertThat(gen.sum() + cont.sum()).isCloseTo(belowSum, within(1e-9));
        if (node.parent() != null) {
            Moments pooled = here.pooled.get();
            assertThat(pooled.n()).as("pooled of %s", node).isGreaterThanOrEqualTo(gen.n() + cont.n());
            if (node.isTerminal()) {
                assertThat(gen.n() + cont.n()).isZero();
            } else {
                assertThat(node.valueAcquire()).as("V is the pooled mean").isCloseTo(pooled.meanOr(0), within(1e-9));
            }
        }
    }
}
