package dev.banyan.search.targets;

import dev.banyan.search.TreeNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The ReST-MCTS* value targets (Zhang et al., 2024). A node with a correct leaf at or below it has
 * {@code r = +1} and {@code m} = fewest steps to such a leaf, counting itself; a node with none, inside a
 * subtree hanging off such a node, has {@code r = -1} and the {@code m} of its nearest ancestor that has one.
 * From the root ({@code V = 0}) down, {@code V = max(0, V_parent + (1 - V_parent) * r / m)}, which gives k/K
 * at depth k of a correct path of K steps and drops towards 0 along wrong branches.
 *
 * <p>The root is an ancestor of every node, so once any leaf is correct every non-root node gets a target;
 * when none is correct, none does.
 */
final class ValueTargets {
    private ValueTargets() {
    }

    /**
     * @param parentsFirst every node, each after its parent (the root first)
     * @param labels each node's label, keyed by id
     * @return the targets keyed by node id, in the order given
     */
    static Map<Integer, ValueTarget> compute(List<TreeNode> parentsFirst, Map<Integer, NodeLabel> labels) {
        TreeNode root = parentsFirst.get(0);
        Map<Integer, Double> values = new HashMap<>();
        // The m of each node's nearest ancestor-or-self with a correct leaf below; absent where there is none.
        Map<Integer, Integer> anchorSteps = new HashMap<>();
        values.put(root.id(), 0.0);
        labels.get(root.id()).stepsToCorrect().ifPresent(m -> anchorSteps.put(root.id(), m));

        Map<Integer, ValueTarget> targets = new LinkedHashMap<>();
        for (TreeNode node : parentsFirst.subList(1, parentsFirst.size())) {
            int parentId = node.parent().id();
            Integer inheritedSteps = anchorSteps.get(parentId);
            if (inheritedSteps == null) {
                continue;
            }
            OptionalInt ownSteps = labels.get(node.id()).stepsToCorrect();
            int r = ownSteps.isPresent() ? 1 : -1;
            int m = ownSteps.orElse(inheritedSteps);
            double parentValue = values.get(parentId);
            double value = Math.max(0.0, parentValue + (1.0 - parentValue) * r / m);
            values.put(node.id(), value);
            anchorSteps.put(node.id(), m);
            targets.put(node.id(), new ValueTarget(node.id(), node.path(), value, r, m));
        }
        return targets;
    }
}
