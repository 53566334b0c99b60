package dev.banyan.search.algo;

import dev.banyan.search.SearchTree;
import dev.banyan.search.TreeNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that hold for every quiescent tree, however many threads grew it. */
final class TreeInvariants {
    private TreeInvariants() {
    }

    static void check(SearchTree tree) {
        List<TreeNode> nodes = tree.nodes();
        Set<Integer> ids = new HashSet<>();
        for (TreeNode view : nodes) {
            Node node = (Node) view;
            assertThat(ids.add(node.id())).as("unique id %s", node.id()).isTrue();
            int childVisits = 0;
            Set<String> steps = new HashSet<>();
            for (Node child : node.childrenAcquire()) {
                assertThat(child.parent()).isSameAs(node);
                assertThat(steps.add(child.step())).as("duplicate sibling step %s under %s", child.step(), node).isTrue();
                childVisits += child.visitsOpaque();
            }
            assertThat(node.visitsOpaque())
                    .as("visits of %s = own visits %s + children's %s", node, node.selfVisitsOpaque(), childVisits)
                    .isEqualTo(node.selfVisitsOpaque() + childVisits);
            assertThat(node.virtualLossOpaque()).as("virtual loss left on %s", node).isZero();
            assertThat(node.stateAcquire() & 1).as("expansion left in progress on %s", node).isZero();
        }
        assertThat(ids).hasSize(((Tree) tree).size());
    }
}
