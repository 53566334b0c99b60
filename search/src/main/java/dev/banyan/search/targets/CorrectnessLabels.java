package dev.banyan.search.targets;

import dev.banyan.search.Task;
import dev.banyan.search.TreeNode;
import dev.banyan.search.Verdict;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Verifies the terminal leaves and finds, for every node, the fewest steps to a correct leaf. */
final class CorrectnessLabels {
    private CorrectnessLabels() {
    }

    /**
     * @param parentsFirst every node, each after its parent (the root first)
     * @return a label per node, in the order given
     */
    static Map<Integer, NodeLabel> compute(List<TreeNode> parentsFirst, Task task, String groundTruth) {
        Map<Integer, Optional<Verdict>> verdicts = new HashMap<>();
        for (TreeNode node : parentsFirst) {
            verdicts.put(node.id(), isLeafAnswer(node)
                    ? Optional.of(task.verifier().verify(node.path(), groundTruth))
                    : Optional.empty());
        }
        // Children come after their parents, so walking backwards settles every child before its parent.
        Map<Integer, Integer> stepsToCorrect = new HashMap<>();
        for (int i = parentsFirst.size() - 1; i >= 0; i--) {
            TreeNode node = parentsFirst.get(i);
            if (verdicts.get(node.id()).orElse(Verdict.WRONG) == Verdict.CORRECT) {
                stepsToCorrect.put(node.id(), 1);
                continue;
            }
            int fewest = Integer.MAX_VALUE;
            for (TreeNode child : node.children()) {
                fewest = Math.min(fewest, stepsToCorrect.getOrDefault(child.id(), Integer.MAX_VALUE));
            }
            if (fewest != Integer.MAX_VALUE) {
                stepsToCorrect.put(node.id(), fewest + 1);
            }
        }
        Map<Integer, NodeLabel> labels = new LinkedHashMap<>();
        for (TreeNode node : parentsFirst) {
            Integer m = stepsToCorrect.get(node.id());
            labels.put(node.id(), new NodeLabel(node.id(), verdicts.get(node.id()),
                    m == null ? OptionalInt.empty() : OptionalInt.of(m)));
        }
        return labels;
    }

    /** A terminal node other than the root: the root has no step, so it states no answer. */
    private static boolean isLeafAnswer(TreeNode node) {
        return node.isTerminal() && node.parent() != null;
    }
}
