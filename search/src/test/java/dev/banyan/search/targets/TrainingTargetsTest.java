package dev.banyan.search.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.TreeNode;
import dev.banyan.search.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TrainingTargetsTest {
    private final EqualsTask task = new EqualsTask();

    @Test
    void labelsRecordEachLeafsVerdictAndEachNodesStepsToACorrectLeaf() {
        EveryRuleTree t = new EveryRuleTree();

        TrainingTargets targets = TrainingTargets.extract(t.tree, task, EveryRuleTree.TRUTH);

        assertThat(targets.labels()).extracting(NodeLabel::nodeId)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(targets.label(t.root.id())).isEqualTo(new NodeLabel(0, Optional.empty(), OptionalInt.of(3)));
        assertThat(targets.label(t.a.id()).stepsToCorrect()).hasValue(2);
        assertThat(targets.label(t.a3.id())).isEqualTo(new NodeLabel(t.a3.id(), Optional.empty(), OptionalInt.empty()));
        assertThat(targets.label(t.a1.id()).verdict()).hasValue(Verdict.CORRECT);
        assertThat(targets.label(t.a1.id()).isCorrect()).isTrue();
        assertThat(targets.label(t.c1.id()).verdict()).hasValue(Verdict.WRONG);
        assertThat(targets.label(t.b2.id()).verdict()).hasValue(Verdict.UNKNOWN);
        assertThat(targets.label(t.b2.id()).isCorrect()).isFalse();
        assertThat(targets.labels()).filteredOn(l -> l.verdict().isPresent()).hasSize(6);
        assertThatThrownBy(() -> targets.label(99)).hasMessage("no node has id 99");
    }

    @Test
    void everyStepGetsItsMcValueAndVisits() {
        EveryRuleTree t = new EveryRuleTree();

        List<McValue> values = TrainingTargets.extract(t.tree, task, "no answer matches").mcValues();

        assertThat(values).hasSize(13);
        for (McValue value : values) {
            TreeNode node = t.tree.nodes().get(value.nodeId());
            assertThat(value).isEqualTo(new McValue(node.id(), node.path(), node.value(), node.visits()));
        }
        assertThat(values.get(0)).isEqualTo(new McValue(1, ReasoningPath.of("q", List.of("A")), 0.5, 4));
    }

    @Test
    void aChildNumberedBeforeItsParentIsRejected() {
        HandTree tree = new HandTree("q");
        HandTree.Node parent = tree.addNumbered(tree.root(), "x", 5);
        tree.addNumbered(parent, "= 7", 3);

        assertThatThrownBy(() -> TrainingTargets.extract(tree, task, "7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node 3 has a smaller id than its parent 5; ids must grow in creation order");
    }

    @Test
    void twoNodesSharingAnIdAreRejected() {
        HandTree tree = new HandTree("q");
        tree.addNumbered(tree.root(), "x", 4);
        tree.addNumbered(tree.root(), "y", 4);

        assertThatThrownBy(() -> TrainingTargets.extract(tree, task, "7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two nodes of the tree share id 4");
    }
}
