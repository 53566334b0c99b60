package dev.banyan.search.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.banyan.search.TreeNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PreferencePairsTest {
    private final EqualsTask task = new EqualsTask();

    /** Root children valued 0.9, 0.5, 0.55, 0.1 (no correct leaf, so MC values rank them); p has two children. */
    private static HandTree mcOnlyTree() {
        HandTree tree = new HandTree("q");
        HandTree.Node p = tree.add(tree.root(), "p", false, 0.9, 3);
        tree.add(tree.root(), "q", false, 0.5, 3);
        tree.add(tree.root(), "r", false, 0.55, 3);
        tree.add(tree.root(), "s", false, 0.1, 3);
        tree.add(p, "u", false, 0.8, 1);
        tree.add(p, "v", false, 0.4, 1);
        return tree;
    }

    @Test
    void siblingsAtLeastTheMarginApartArePairedHigherFirst() {
        List<PreferencePair> pairs = TrainingTargets.extract(mcOnlyTree(), task, "7").preferencePairs();

        // Gaps under the root: p-q .4, p-r .35, p-s .8, q-r .05 (too close), q-s .4, r-s .45; under p: u-v .4.
        assertThat(pairs).extracting(PreferencePair::prompt, PreferencePair::chosen, PreferencePair::rejected)
                .containsExactly(
                        tuple("Q: q\n", "p", "q"),
                        tuple("Q: q\n", "p", "r"),
                        tuple("Q: q\n", "p", "s"),
                        tuple("Q: q\n", "q", "s"),
                        tuple("Q: q\n", "r", "s"),
                        tuple("Q: q\np\n", "u", "v"));
        assertThat(pairs.get(2).chosenValue()).isEqualTo(0.9);
        assertThat(pairs.get(2).rejectedValue()).isEqualTo(0.1);
    }

    @Test
    void aWiderMarginKeepsOnlyTheWiderGaps() {
        TargetOptions wide = TargetOptions.defaults().withMargin(0.45);

        List<PreferencePair> pairs = TrainingTargets.extract(mcOnlyTree(), task, "7", wide).preferencePairs();

        assertThat(pairs).extracting(PreferencePair::chosen, PreferencePair::rejected)
                .containsExactly(tuple("p", "s"), tuple("r", "s"));
    }

    @Test
    void valueTargetsRankSiblingsThatHaveThem() {
        EveryRuleTree t = new EveryRuleTree();

        List<PreferencePair> pairs = TrainingTargets.extract(t.tree, task, EveryRuleTree.TRUTH).preferencePairs();

        // Targets (see ValueTargetsTest): A 1/2, B 1/3, C 0 under the root; "= 7" 1, A2 3/4, A3 1/4 under A;
        // B1 2/3, "= ?" 1/9 under B. A-B (1/6) and "= 7"-A2 (1/4) fall short of 0.3; B-C meets it with 1/3.
        assertThat(pairs).extracting(PreferencePair::prompt, PreferencePair::chosen, PreferencePair::rejected)
                .containsExactly(
                        tuple("Q: q\n", "A", "C"),
                        tuple("Q: q\n", "B", "C"),
                        tuple("Q: q\nA\n", "= 7", "A3"),
                        tuple("Q: q\nA\n", "A2", "A3"),
                        tuple("Q: q\nB\n", "B1", "= ?"));
        double[][] values = {{1.0 / 2, 0}, {1.0 / 3, 0}, {1, 1.0 / 4}, {3.0 / 4, 1.0 / 4}, {2.0 / 3, 1.0 / 9}};
        for (int i = 0; i < values.length; i++) {
            assertThat(pairs.get(i).chosenValue()).isCloseTo(values[i][0], within(1e-12));
            assertThat(pairs.get(i).rejectedValue()).isCloseTo(values[i][1], within(1e-12));
        }
    }

    @Test
    void mcValuesRankSiblingsWhenAskedTo() {
        EveryRuleTree t = new EveryRuleTree();
        TargetOptions byMc = TargetOptions.defaults().withPairValues(PairValueSource.MC_ONLY);

        List<PreferencePair> pairs = TrainingTargets.extract(t.tree, task, EveryRuleTree.TRUTH, byMc)
                .preferencePairs();

        // MC values: A .5, B .4, C .1; "= 7" .2, A2 .6, A3 .9; B1 .7, "= ?" .35.
        assertThat(pairs).extracting(PreferencePair::chosen, PreferencePair::rejected)
                .containsExactly(
                        tuple("A", "C"),
                        tuple("B", "C"),
                        tuple("A2", "= 7"),
                        tuple("A3", "= 7"),
                        tuple("A3", "A2"),
                        tuple("B1", "= ?"));
    }

    @Test
    void aGapEqualToTheMarginUpToRoundingCounts() {
        HandTree tree = new HandTree("q");
        tree.add(tree.root(), "high", false, 0.7, 1);
        tree.add(tree.root(), "low", false, 0.4, 1);
        tree.add(tree.root(), "lower", false, 0.41, 1);

        List<PreferencePair> pairs = TrainingTargets.extract(tree, task, "7").preferencePairs();

        // In doubles 0.7 - 0.4 is 0.29999999999999993, a rounding below the margin; 0.7 - 0.41 is truly below it.
        assertThat(pairs).extracting(PreferencePair::chosen, PreferencePair::rejected)
                .containsExactly(tuple("high", "low"));
    }

    @Test
    void targetsOnlyGivesNoPairsWithoutACorrectLeaf() {
        TargetOptions targetsOnly = TargetOptions.defaults().withPairValues(PairValueSource.TARGET_ONLY);

        assertThat(TrainingTargets.extract(mcOnlyTree(), task, "7", targetsOnly).preferencePairs()).isEmpty();
    }

    @Test
    void repeatedStepsGiveOnePairAndNeverFaceThemselves() {
        HandTree tree = new HandTree("q");
        tree.add(tree.root(), "x", false, 0.9, 1);
        tree.add(tree.root(), "x", false, 0.8, 1);
        tree.add(tree.root(), "y", false, 0.1, 1);
        tree.add(tree.root(), "z", false, Double.NaN, 0);

        List<PreferencePair> pairs = TrainingTargets.extract(tree, task, "7").preferencePairs();

        assertThat(pairs).containsExactly(new PreferencePair("Q: q\n", "x", "y", 0.9, 0.1));
    }

    @ParameterizedTest
    @EnumSource(PairValueSource.class)
    void randomTreesGiveExactlyThePairsFoundByCheckingEverySiblingPair(PairValueSource source) {
        TargetOptions options = TargetOptions.defaults().withPairValues(source);
        int pairsSeen = 0;
        for (long seed = 0; seed < RandomTrees.SEEDS; seed++) {
            HandTree tree = RandomTrees.grow(new Random(seed), 30);
            TrainingTargets targets = TrainingTargets.extract(tree, task, RandomTrees.TRUTH, options);
            List<PreferencePair> pairs = targets.preferencePairs();

            assertThat(new HashSet<>(pairs)).as("seed %d", seed).hasSameSizeAs(pairs)
                    .isEqualTo(pairsByBruteForce(tree, targets, options));
            for (PreferencePair pair : pairs) {
                assertThat(pair.chosenValue() - pair.rejectedValue()).as("seed %d, %s", seed, pair)
                        .isGreaterThanOrEqualTo(options.margin() - 1e-9);
                assertThat(pair.chosen()).as("seed %d", seed).isNotEqualTo(pair.rejected());
            }
            pairsSeen += pairs.size();
        }
        assertThat(pairsSeen).isPositive();
    }

    /**
     * Every pair of distinct nodes sharing a parent, ranked by the options' rule; a triple seen again (from a
     * repeated context) keeps its first values.
     */
    private Set<PreferencePair> pairsByBruteForce(HandTree tree, TrainingTargets targets, TargetOptions options) {
        Map<Integer, Double> targetValues = new HashMap<>();
        targets.valueTargets().forEach(v -> targetValues.put(v.nodeId(), v.value()));
        Map<List<String>, PreferencePair> found = new HashMap<>();
        List<TreeNode> nodes = tree.nodes();
        for (TreeNode parent : nodes) {
            for (TreeNode a : nodes) {
                for (TreeNode b : nodes) {
                    if (a.parent() == parent && b.parent() == parent && a.id() < b.id()) {
                        addIfRanked(a, b, targetValues, options, found);
                    }
                }
            }
        }
        return new HashSet<>(found.values());
    }

    private void addIfRanked(TreeNode a, TreeNode b, Map<Integer, Double> targetValues, TargetOptions options,
                             Map<List<String>, PreferencePair> found) {
        if (a.step().equals(b.step())) {
            return;
        }
        boolean bothTargeted = targetValues.containsKey(a.id()) && targetValues.containsKey(b.id());
        if (options.pairValues() == PairValueSource.TARGET_ONLY && !bothTargeted) {
            return;
        }
        boolean byTarget = bothTargeted && options.pairValues() != PairValueSource.MC_ONLY;
        double va = byTarget ? targetValues.get(a.id()) : a.value();
        double vb = byTarget ? targetValues.get(b.id()) : b.value();
        if (Double.isNaN(va) || Double.isNaN(vb) || Math.abs(va - vb) < options.margin() - 1e-9) {
            return;
        }
        String prompt = task.render(a.parent().path());
        PreferencePair pair = va > vb
                ? new PreferencePair(prompt, a.step(), b.step(), va, vb)
                : new PreferencePair(prompt, b.step(), a.step(), vb, va);
        found.putIfAbsent(List.of(prompt, pair.chosen(), pair.rejected()), pair);
    }
}
