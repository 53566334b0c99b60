package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.OutcomeScorer;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.StepScore;
import dev.banyan.search.TreeNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class EtaMctsTest {
    private static final Budget SIMULATIONS = new Budget(Long.MAX_VALUE, 400, Duration.ofSeconds(60));
    /** PRM-only critic, so a node's critic value is its PRM score and widening can be re-derived afterwards. */
    private static final AlgorithmSpec.EtaMcts PRM_ONLY = AlgorithmSpec.EtaMcts.defaults().withMergeDistance(1);

    @Test
    void wideningFormulaOnHandWorkedImportances() {
        AlgorithmSpec.EtaMcts spec = AlgorithmSpec.EtaMcts.defaults(); // cMin 2, cMax 6, alpha 10
        assertThat(ProgressiveWidening.allowed(spec, 0)).isEqualTo(2);
        assertThat(ProgressiveWidening.allowed(spec, 0.15)).isEqualTo(2);
        assertThat(ProgressiveWidening.allowed(spec, 0.25)).isEqualTo(3);
        assertThat(ProgressiveWidening.allowed(spec, 0.35)).isEqualTo(4);
        assertThat(ProgressiveWidening.allowed(spec, 1)).isEqualTo(6);
        AlgorithmSpec.EtaMcts noWidening = new AlgorithmSpec.EtaMcts(1, 3, 6, 0, 0, 0, 0, 1, 0, 0);
        assertThat(ProgressiveWidening.allowed(noWidening, 1)).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void nodesWidenOnlyAsFarAsTheirChildrenDisagree(int threads) {
        ToyWorld world = new ToyWorld(4);
        SearchResult result = EveryAlgorithmTest.search(world, PRM_ONLY, SIMULATIONS, threads, 3, "17");
        TreeInvariants.check(result.tree());
        assertThat(result.tree().root().visits()).isEqualTo(result.stats().simulations());
        assertThat(world.duplicateRequests).as("a round drawn twice").hasValue(0);
        int narrow = 0;
        int widest = 0;
        for (TreeNode view : result.tree().nodes()) {
            Node node = (Node) view;
            Node[] children = node.childrenAcquire();
            widest = Math.max(widest, children.length);
            assertThat(children.length).isLessThanOrEqualTo(PRM_ONLY.cMax());
            if (node.parent() == null || children.length == 0) {
                continue;
            }
            double importance = 0;
            for (Node child : children) {
                importance = Math.max(importance, Math.abs(child.prmScore() - node.prmScore()));
            }
            assertThat(children.length).as("children of %s, importance %s", node, importance)
                    .isLessThanOrEqualTo(ProgressiveWidening.allowed(PRM_ONLY, importance));
            if (importance == 0) {
                narrow++;
            }
        }
        assertThat(narrow).as("nodes held to cMin by agreeing children").isPositive();
        assertThat(widest).as("some node widened past cMin").isGreaterThan(PRM_ONLY.cMin());
    }

    @Test
    void valuesEndAsTheMeanOfWhatWasBackedUp() {
        SearchResult result = EveryAlgorithmTest.search(new ToyWorld(4).withNoisyPrm(), PRM_ONLY, SIMULATIONS, 2, 5, "17");
        assertThat(result.tree().root().visits()).isEqualTo(result.stats().simulations());
        for (TreeNode view : result.tree().nodes()) {
            Node node = (Node) view;
            assertThat(node.visitsOpaque()).as("every node is visited when it is made").isPositive();
            assertThat(node.valueAcquire()).isCloseTo(node.valueSumAcquire() / node.visitsOpaque(), offset(1e-12));
            if (node.isTerminal()) {
                assertThat(node.valueAcquire()).as("a terminal backs up its critic value").isCloseTo(node.prmScore(), offset(1e-12));
            }
        }
        double bestTerminal = result.tree().nodes().stream().filter(TreeNode::isTerminal)
                .mapToDouble(TreeNode::value).max().orElseThrow();
        assertThat(result.trace().get(result.trace().size() - 1).value()).isEqualTo(bestTerminal);
    }

    @Test
    void theCriticBlendsPrmAndTheOutcomeOfFastRollouts() {
        ToyWorld world = new ToyWorld(3);
        List<ReasoningPath> judged = new CopyOnWriteArrayList<>();
        OutcomeScorer orm = path -> {
            judged.add(path);
            return CompletableFuture.completedFuture(new StepScore(0.2, 1));
        };
        SearchRun run = new SearchRun(world.task(), world.policy(), world.scorer(), orm, SIMULATIONS, 0, 64, "5");
        Node root = run.tree.root();
        Node open = Node.child(run.tree.newId(), root, "+2", 3, -1, false, 0.5);
        AlgorithmSpec.EtaMcts spec = new AlgorithmSpec.EtaMcts(1, 2, 6, 10, 0, 0, 1, 2, 1, 3);
        assertThat(Critic.value(run, spec, open)).isCloseTo((3 * 0.5 + 0.2) / 4, offset(1e-12));
        assertThat(judged).hasSize(3).allSatisfy(path -> {
            assertThat(world.task().isTerminal(path)).isTrue();
            assertThat(path.steps().get(0)).isEqualTo("+2");
        });

        Node finished = Node.child(run.tree.newId(), open, "= 2", 4, -1, true, 0.9);
        judged.clear();
        assertThat(Critic.value(run, spec, finished)).isCloseTo((3 * 0.9 + 0.2) / 4, offset(1e-12));
        assertThat(judged).containsExactly(finished.path());

        AlgorithmSpec.EtaMcts ormOnlyNoRollouts = new AlgorithmSpec.EtaMcts(1, 2, 6, 10, 0, 0, 0, 0, 1, 0);
        assertThat(Critic.value(run, ormOnlyNoRollouts, open)).as("no outcome to judge: the PRM stands").isEqualTo(0.5);
    }

    @Test
    void anOrmCriticJudgesFinishedRollouts() {
        ToyWorld world = new ToyWorld(3).withNoisyPrm();
        List<ReasoningPath> judged = new CopyOnWriteArrayList<>();
        OutcomeScorer counting = path -> {
            judged.add(path);
            return world.outcomeScorer().scoreOutcome(path);
        };
        SearchResult result;
        try (Searcher searcher = Searcher.builder().task(world.task()).policy(world.policy()).stepScorer(world.scorer())
                .outcomeScorer(counting).algorithm(EveryAlgorithmTest.ORM_CRITIC).budget(SIMULATIONS.withSimulations(100))
                .seed(2).build()) {
            result = searcher.search("12", "12");
        }
        TreeInvariants.check(result.tree());
        assertThat(judged).isNotEmpty();
        for (TreeNode view : result.tree().nodes()) {
            if (view.isTerminal()) {
                double orm = world.task().extractAnswer(view.path()).orElseThrow().equals("12") ? 1 : 0;
                assertThat(view.value()).as("critic of %s", view).isCloseTo((view.prmScore() + orm) / 2, offset(1e-12));
            }
        }
    }
}
