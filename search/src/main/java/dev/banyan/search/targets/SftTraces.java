package dev.banyan.search.targets;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Task;
import dev.banyan.search.TreeNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns every distinct correct trace into a policy fine-tuning sample. */
final class SftTraces {
    private SftTraces() {
    }

    /**
     * @param parentsFirst every node, each after its parent (the root first)
     * @param labels each node's label, keyed by id
     * @return one sample per distinct list of step texts ending at a correct leaf, in node order
     */
    static List<SftSample> compute(List<TreeNode> parentsFirst, Map<Integer, NodeLabel> labels, Task task) {
        String prompt = task.render(ReasoningPath.of(parentsFirst.get(0).path().question()));
        // Sampling with replacement often reaches the same answer by the same words more than once.
        Set<List<String>> seen = new HashSet<>();
        List<SftSample> samples = new ArrayList<>();
        for (TreeNode node : parentsFirst) {
            List<String> steps = node.path().steps();
            if (!labels.get(node.id()).isCorrect() || !seen.add(steps)) {
                continue;
            }
            String full = task.render(node.path());
            if (!full.startsWith(prompt)) {
                throw new IllegalStateException("task " + task.name() + " renders node " + node.id()
                        + "'s path without the bare question's rendering as its prefix; render must be"
                        + " prefix-stable");
            }
            samples.add(new SftSample(prompt, full.substring(prompt.length()), steps));
        }
        return samples;
    }
}
