package dev.banyan.search.targets;

import dev.banyan.search.SearchTree;
import dev.banyan.search.Task;
import dev.banyan.search.TreeNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Training targets extracted from one searched tree, following ReST-MCTS* (Zhang et al., 2024, "ReST-MCTS*:
 * LLM Self-Training via Process Reward Guided Tree Search"):
 *
 * <ol>
 *   <li>each terminal leaf (a terminal node other than the root) is verified against the ground truth; only
 *       {@link dev.banyan.search.Verdict#CORRECT} counts as correct, and every verdict is kept in
 *       {@link #labels()};</li>
 *   <li>{@link #sft()}: every distinct correct trace, as a prompt and completion for the policy;</li>
 *   <li>{@link #valueTargets()}: the value targets for the reward model, from the correct leaves' positions
 *       (see {@link ValueTarget} for the rule);</li>
 *   <li>{@link #mcValues()}: the search's own value and visit count of every step;</li>
 *   <li>{@link #preferencePairs()}: sibling steps whose values differ by at least the margin.</li>
 * </ol>
 */
public final class TrainingTargets {
    private final Map<Integer, NodeLabel> labelsById;
    private final List<NodeLabel> labels;
    private final List<SftSample> sft;
    private final List<ValueTarget> valueTargets;
    private final List<McValue> mcValues;
    private final List<PreferencePair> preferencePairs;

    private TrainingTargets(Map<Integer, NodeLabel> labels, List<SftSample> sft, List<ValueTarget> valueTargets,
                            List<McValue> mcValues, List<PreferencePair> preferencePairs) {
        this.labelsById = labels;
        this.labels = List.copyOf(labels.values());
        this.sft = List.copyOf(sft);
        this.valueTargets = List.copyOf(valueTargets);
        this.mcValues = List.copyOf(mcValues);
        this.preferencePairs = List.copyOf(preferencePairs);
    }

    /** {@link #extract(SearchTree, Task, String, TargetOptions)} with {@link TargetOptions#defaults()}. */
    public static TrainingTargets extract(SearchTree tree, Task task, String groundTruth) {
        return extract(tree, task, groundTruth, TargetOptions.defaults());
    }

    /**
     * Extracts every kind of target from a finished search's tree.
     *
     * @param tree the searched tree; its ids must grow in creation order, as {@link TreeNode#id()} promises
     * @param task the task the tree was searched for; renders prompts and verifies answers
     * @param groundTruth the expected answer, or {@code null} when none is known (the verifier decides what
     *                    that means)
     * @param options the preference margin and ranking rule
     */
    public static TrainingTargets extract(SearchTree tree, Task task, String groundTruth, TargetOptions options) {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(options, "options");
        List<TreeNode> parentsFirst = parentsFirst(tree);
        Map<Integer, NodeLabel> labels = CorrectnessLabels.compute(parentsFirst, task, groundTruth);
        Map<Integer, ValueTarget> targets = ValueTargets.compute(parentsFirst, labels);
        return new TrainingTargets(labels,
                SftTraces.compute(parentsFirst, labels, task),
                new ArrayList<>(targets.values()),
                mcValues(parentsFirst),
                PreferencePairs.compute(parentsFirst, targets, task, options));
    }

    /** Every node's label, by id. */
    public List<NodeLabel> labels() {
        return labels;
    }

    /** The label of the node with this id. */
    public NodeLabel label(int nodeId) {
        NodeLabel label = labelsById.get(nodeId);
        if (label == null) {
            throw new IllegalArgumentException("no node has id " + nodeId);
        }
        return label;
    }

    /** One policy fine-tuning sample per distinct correct trace, in order of their leaves' ids. */
    public List<SftSample> sft() {
        return sft;
    }

    /** The ReST-MCTS* value targets, by node id; empty when no leaf is correct. */
    public List<ValueTarget> valueTargets() {
        return valueTargets;
    }

    /** The search's value and visits of every node but the root, by id. */
    public List<McValue> mcValues() {
        return mcValues;
    }

    /** Step-level preference pairs, grouped by parent in id order. */
    public List<PreferencePair> preferencePairs() {
        return preferencePairs;
    }

    private static List<McValue> mcValues(List<TreeNode> parentsFirst) {
        List<McValue> values = new ArrayList<>(parentsFirst.size() - 1);
        for (TreeNode node : parentsFirst.subList(1, parentsFirst.size())) {
            values.add(new McValue(node.id(), node.path(), node.value(), node.visits()));
        }
        return values;
    }

    /** The tree's nodes by id, checked to put every parent before its children as growing ids promise. */
    private static List<TreeNode> parentsFirst(SearchTree tree) {
        List<TreeNode> nodes = tree.nodes();
        Set<Integer> seen = new HashSet<>();
        for (TreeNode node : nodes) {
            if (!seen.add(node.id())) {
                throw new IllegalArgumentException("two nodes of the tree share id " + node.id());
            }
            TreeNode parent = node.parent();
            if (parent == null && node != nodes.get(0)) {
                throw new IllegalArgumentException("node " + node.id() + " has no parent but is not the root");
            }
            if (parent != null && !seen.contains(parent.id())) {
                throw new IllegalArgumentException("node " + node.id() + " has a smaller id than its parent "
                        + parent.id() + "; ids must grow in creation order");
            }
        }
        return nodes;
    }
}
