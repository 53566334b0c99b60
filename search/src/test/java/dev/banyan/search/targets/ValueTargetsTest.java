package dev.banyan.search.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.banyan.search.TreeNode;
import dev.banyan.search.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTargetsTest {
    private static final double EXACT = 1e-12;
    private final EqualsTask task = new EqualsTask();

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void aCorrectPathOfKStepsRisesByOneKthPerStep(int steps) {
        HandTree tree = new HandTree("q");
        HandTree.Node node = tree.root();
        for (int k = 1; k < steps; k++) {
            node = tree.add(node, "step " + k);
        }
        tree.add(node, "= 7");

        List<ValueTarget> targets = TrainingTargets.extract(tree, task, "7").valueTargets();

        assertThat(targets).hasSize(steps);
        for (ValueTarget target : targets) {
            int k = target.path().depth();
            assertThat(target.value()).as("V at depth %d of %d", k, steps).isCloseTo((double) k / steps, within(EXACT));
            assertThat(target.r()).isEqualTo(1);
            assertThat(target.m()).isEqualTo(steps - k + 1);
        }
    }

    @Test
    void everyRuleGivesTheValuesWorkedOutByHand() {
        EveryRuleTree t = new EveryRuleTree();

        Map<Integer, ValueTarget> byId = byId(TrainingTargets.extract(t.tree, task, EveryRuleTree.TRUTH));

        // m: the correct leaves have 1; A2 and B1 have 2; A has 1 + min(1, 2) = 2, the fewest steps, though a
        // correct leaf also lies 3 steps away; B has 1 + min(2 via B1, none via the UNKNOWN leaf) = 3; the root,
        // which gets no target itself, has 1 + min(2, 3) = 3.
        assertTarget(byId, t.a, 0.5, 1, 2);          // 0 + 1 * 1/2
        assertTarget(byId, t.a1, 1.0, 1, 1);         // 1/2 + 1/2 * 1/1
        assertTarget(byId, t.a2, 0.75, 1, 2);        // 1/2 + 1/2 * 1/2
        assertTarget(byId, t.a21, 1.0, 1, 1);        // 3/4 + 1/4 * 1/1
        assertTarget(byId, t.b, 1.0 / 3, 1, 3);      // 0 + 1 * 1/3
        assertTarget(byId, t.b1, 2.0 / 3, 1, 2);     // 1/3 + 2/3 * 1/2
        assertTarget(byId, t.b11, 1.0, 1, 1);        // 2/3 + 1/3 * 1/1
        // A wrong branch off A takes A's m = 2.
        assertTarget(byId, t.a3, 0.25, -1, 2);       // 1/2 + 1/2 * (-1/2)
        // Deeper, the nearest ancestor on a correct path is still A; unclamped this would be 1/4 - 3/4 * 1/2 = -1/8.
        assertTarget(byId, t.a31, 0.0, -1, 2);
        assertTarget(byId, t.a311, 0.0, -1, 2);      // max(0, 0 - 1 * 1/2)
        // The UNKNOWN leaf counts as wrong: B's m = 3.
        assertTarget(byId, t.b2, 1.0 / 9, -1, 3);    // 1/3 + 2/3 * (-1/3)
        // C has no correct leaf below; it hangs off the root, which is on every correct path, so takes m = 3.
        assertTarget(byId, t.c, 0.0, -1, 3);         // max(0, 0 - 1 * 1/3)
        assertTarget(byId, t.c1, 0.0, -1, 3);        // max(0, 0 - 1 * 1/3)
        assertThat(byId).doesNotContainKey(t.root.id()).hasSize(13);
    }

    @Test
    void aTreeWithNoCorrectLeafGetsNoTargets() {
        EveryRuleTree t = new EveryRuleTree();

        TrainingTargets targets = TrainingTargets.extract(t.tree, task, "42");

        assertThat(targets.valueTargets()).isEmpty();
        assertThat(targets.labels()).noneMatch(NodeLabel::onCorrectPath);
    }

    @Test
    void randomTreesAgreeWithTheDefinitionOfEachRule() {
        int withCorrectLeaf = 0;
        for (long seed = 0; seed < RandomTrees.SEEDS; seed++) {
            if (checkAgainstDefinitions(seed, RandomTrees.grow(new Random(seed), 30))) {
                withCorrectLeaf++;
            }
        }
        assertThat(withCorrectLeaf).as("trees with a correct leaf").isGreaterThan(RandomTrees.SEEDS / 2);
    }

    /** Checks one tree's targets against each rule's definition; tells whether any leaf was correct. */
    private boolean checkAgainstDefinitions(long seed, HandTree tree) {
        TrainingTargets targets = TrainingTargets.extract(tree, task, RandomTrees.TRUTH);
        Map<Integer, ValueTarget> byId = byId(targets);
        Map<Integer, Integer> fewest = fewestStepsByBruteForce(tree);

        if (fewest.isEmpty()) {
            assertThat(byId).as("tree of seed %d", seed).isEmpty();
            return false;
        }
        for (TreeNode node : tree.nodes().subList(1, tree.nodes().size())) {
            ValueTarget target = byId.get(node.id());
            String where = "seed " + seed + ", " + node;
            assertThat(target).as(where).isNotNull();
            assertThat(targets.label(node.id()).onCorrectPath()).as(where)
                    .isEqualTo(fewest.containsKey(node.id()));
            double parentValue = node.parent().parent() == null ? 0.0 : byId.get(node.parent().id()).value();
            if (fewest.containsKey(node.id())) {
                assertThat(target.r()).as(where).isEqualTo(1);
                assertThat(target.m()).as(where).isEqualTo(fewest.get(node.id()));
                assertThat(target.value()).as(where).isGreaterThan(parentValue);
            } else {
                assertThat(target.r()).as(where).isEqualTo(-1);
                assertThat(target.m()).as(where).isEqualTo(fewest.get(nearestOnCorrectPath(node, fewest).id()));
                assertThat(target.value()).as(where).isLessThanOrEqualTo(parentValue);
            }
            assertThat(target.value()).as(where).isBetween(0.0, 1.0);
            if (targets.label(node.id()).isCorrect()) {
                assertThat(target.value()).as(where).isCloseTo(1.0, within(EXACT));
            }
        }
        return true;
    }

    /** For each node with a correct leaf at or below it: the fewest steps there, found by checking every leaf. */
    private Map<Integer, Integer> fewestStepsByBruteForce(HandTree tree) {
        Map<Integer, Integer> fewest = new HashMap<>();
        for (TreeNode leaf : tree.nodes()) {
            boolean correct = leaf.isTerminal() && leaf.parent() != null
                    && task.verifier().verify(leaf.path(), RandomTrees.TRUTH) == Verdict.CORRECT;
            if (!correct) {
                continue;
            }
            for (TreeNode up = leaf; up != null; up = up.parent()) {
                fewest.merge(up.id(), leaf.depth() - up.depth() + 1, Math::min);
            }
        }
        return fewest;
    }

    private static TreeNode nearestOnCorrectPath(TreeNode node, Map<Integer, Integer> fewest) {
        TreeNode up = node.parent();
        while (!fewest.containsKey(up.id())) {
            up = up.parent();
        }
        return up;
    }

    private static Map<Integer, ValueTarget> byId(TrainingTargets targets) {
        return targets.valueTargets().stream().collect(Collectors.toMap(ValueTarget::nodeId, Function.identity()));
    }

    private static void assertTarget(Map<Integer, ValueTarget> byId, HandTree.Node node, double value, int r, int m) {
        ValueTarget target = byId.get(node.id());
        assertThat(target).as("target of %s", node).isNotNull();
        assertThat(target.path()).isEqualTo(node.path());
        assertThat(target.value()).as("V of %s", node).isCloseTo(value, within(EXACT));
        assertThat(target.r()).as("r of %s", node).isEqualTo(r);
        assertThat(target.m()).as("m of %s", node).isEqualTo(m);
    }
}
