package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.TreeNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock-free tree against its obvious twin, the same search under one global lock. */
class GlobalLockTwinTest {
    private static final Budget BUDGET = new Budget(Long.MAX_VALUE, 600, Duration.ofSeconds(60));
    private static final AlgorithmSpec.MctsStar SPEC = AlgorithmSpec.MctsStar.defaults().withC(0.5);

    private static SearchRun run(ToyWorld world, long seed) {
        return new SearchRun(world.task(), world.policy(), world.scorer(), null, BUDGET.withSimulations(600), seed, 16, "61");
    }

    private static String shape(Tree tree) {
        StringBuilder text = new StringBuilder();
        for (TreeNode node : tree.nodes()) {
            text.append(node.id()).append(' ').append(node.step()).append(' ').append(node.visits()).append(' ')
                    .append(node.value()).append('\n');
        }
        return text.toString();
    }

    @Test
    void oneThreadGrowsTheSameTreeWithAndWithoutTheLock() {
        SearchRun free = run(new ToyWorld(8), 11);
        SearchRun locked = run(new ToyWorld(8), 11);
        new MctsStarSearch(SPEC, 1, null, TreeGuard.NONE).search(free);
        new MctsStarSearch(SPEC, 1, null, TreeGuard.globalLock()).search(locked);
        assertThat(shape(free.tree)).isEqualTo(shape(locked.tree));
    }

    @Test
    void lockedTwinKeepsTheInvariantsUnderThreads() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            SearchRun locked = run(new ToyWorld(8), 5);
            new MctsStarSearch(SPEC, 4, pool, TreeGuard.globalLock()).search(locked);
            TreeInvariants.check(locked.tree);
            assertThat(locked.tree.root().visits()).isEqualTo(locked.simulationsRun());
        } finally {
            pool.shutdownNow();
        }
    }
}
