package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.algo.Thompson.Moments;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
    void aNodeWithoutChildrenGenerates() {
        boolean wider = false;
        boolean deeper = false;
        for (long seed = 0; seed < 30; seed++) {
            SearchRun run = run(new ToyWorld(4).withNoisyPrm(), 2, seed);
            new AbMcts(AlgorithmSpec.AbMcts.defaults(), 1, null).search(run);
            Node root = run.tree.root();
            if (run.tree.size() < 3) {
                continue; // the second GEN repeated a sibling's step: nothing new
            }
            Node first = root.childrenAcquire()[0];
            if (root.childrenAcquire().length == 2) {
                wider = true;
            } else {
                // CONT into the only child, which has no children: it must generate there.
                assertThat(first.childrenAcquire()).hasSize(1);
                deeper = true;
            }
        }
        assertThat(wider).as("GEN at the root again").isTrue();
        assertThat(deeper).as("CONT, then GEN at the unvisited child").isTrue();
    }

    @Test
    void armsCountEveryScoreOnceUnderThreads() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (long seed = 0; seed < 5; seed++) {
                SearchRun run = run(new ToyWorld(5).withNoisyPrm(), 300, seed);
                Map<Node, AbMcts.Arms> arms = new ConcurrentHashMap<>();
                new AbMcts(AlgorithmSpec.AbMcts.defaults(), 4, pool).search(run, arms);
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
     * GEN holds one score per child (plus the empty GENs); CONT one per score pooled below the children; a node's
     * pooled scores are its own, GEN's and CONT's.
     */
    private static void checkArms(Node node, Map<Node, AbMcts.Arms> arms) {
        AbMcts.Arms here = arms.get(node);
        Moments gen = here.gen.get();
        Moments cont = here.cont.get();
        Node[] children = node.childrenAcquire();
        assertThat(gen.n()).as("GEN of %s", node).isGreaterThanOrEqualTo(children.length);
        long below = 0;
        double belowSum = 0;
        double childSum = 0;
        for (Node child : children) {
            Moments pooled = arms.get(child).pooled.get();
            below += pooled.n() - 1;
            belowSum += pooled.sum();
            childSum += child.isTerminal() ? child.valueAcquire() : child.prmScore();
            if (child.isTerminal()) {
                assertThat(pooled.n()).isEqualTo(1);
            }
            checkArms(child, arms);
        }
        assertThat(cont.n()).as("CONT of %s", node).isEqualTo(below);
        assertThat(cont.sum()).isCloseTo(belowSum - childSum, within(1e-9));
        assertThat(gen.sum()).as("empty GENs score 0").isCloseTo(childSum, within(1e-9));
        if (node.parent() != null) {
            Moments pooled = here.pooled.get();
            assertThat(pooled.n()).as("pooled of %s", node).isEqualTo(1 + gen.n() + cont.n());
            if (!node.isTerminal()) {
                assertThat(node.valueAcquire()).as("V is the pooled mean").isCloseTo(pooled.meanOr(0), within(1e-9));
            }
        }
    }
}
