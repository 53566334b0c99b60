package dev.banyan.search.targets;

import dev.banyan.search.Task;
import dev.banyan.search.TreeNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Step-level preference pairs: two children of one parent whose values differ by at least the margin, the
 * higher-valued step chosen. Siblings with the same text are never paired, and a (prompt, chosen, rejected)
 * triple appears once, the first found: sampling often repeats a step, and so whole contexts.
 */
final class PreferencePairs {
    /** Lets a gap equal to the margin up to rounding count, so 2/3 against 1/3 meets a margin of 1/3. */
    private static final double RELATIVE_TOLERANCE = 1e-9;

    private final Map<Integer, ValueTarget> targets;
    private final Task task;
    private final TargetOptions options;
    private final Set<List<String>> emitted = new HashSet<>();

    private PreferencePairs(Map<Integer, ValueTarget> targets, Task task, TargetOptions options) {
        this.targets = targets;
        this.task = task;
        this.options = options;
    }

    /**
     * @param parentsFirst every node, each after its parent (the root first)
     * @param targets the value targets keyed by node id
     * @return the pairs, grouped by parent in node order, siblings in creation order
     */
    static List<PreferencePair> compute(List<TreeNode> parentsFirst, Map<Integer, ValueTarget> targets, Task task,
                                        TargetOptions options) {
        PreferencePairs pairs = new PreferencePairs(targets, task, options);
        List<PreferencePair> all = new ArrayList<>();
        for (TreeNode parent : parentsFirst) {
            pairs.addSiblingPairs(parent, all);
        }
        return all;
    }

    private void addSiblingPairs(TreeNode parent, List<PreferencePair> out) {
        List<? extends TreeNode> children = parent.children();
        String prompt = null;
        for (int i = 0; i < children.size(); i++) {
            for (int j = i + 1; j < children.size(); j++) {
                TreeNode a = children.get(i);
                TreeNode b = children.get(j);
                ToDoubleFunction<TreeNode> ranking = ranking(a, b);
                if (ranking == null || a.step().equals(b.step())) {
                    continue;
                }
                double valueA = ranking.applyAsDouble(a);
                double valueB = ranking.applyAsDouble(b);
                // NaN values (never estimated) fail this test and give no pair.
                if (!(Math.abs(valueA - valueB) >= options.margin() * (1 - RELATIVE_TOLERANCE))) {
                    continue;
                }
                TreeNode chosen = valueA > valueB ? a : b;
                TreeNode rejected = chosen == a ? b : a;
                if (prompt == null) {
                    prompt = task.render(parent.path());
                }
                if (!emitted.add(List.of(prompt, chosen.step(), rejected.step()))) {
                    continue;
                }
                out.add(new PreferencePair(prompt, chosen.step(), rejected.step(),
                        Math.max(valueA, valueB), Math.min(valueA, valueB)));
            }
        }
    }

    /** The value that ranks these two siblings under the options' rule, or null when the rule ranks neither. */
    private ToDoubleFunction<TreeNode> ranking(TreeNode a, TreeNode b) {
        boolean bothTargeted = targets.containsKey(a.id()) && targets.containsKey(b.id());
        ToDoubleFunction<TreeNode> byTarget = node -> targets.get(node.id()).value();
        return switch (options.pairValues()) {
            case TARGET_THEN_MC -> bothTargeted ? byTarget : TreeNode::value;
            case TARGET_ONLY -> bothTargeted ? byTarget : null;
            case MC_ONLY -> TreeNode::value;
        };
    }
}
