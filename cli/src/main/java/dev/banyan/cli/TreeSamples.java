package dev.banyan.cli;

import dev.banyan.search.Aggregation;
import dev.banyan.search.SearchTree;
import dev.banyan.search.Task;
import dev.banyan.search.TreeNode;
import dev.banyan.search.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples of a tree grown by independent chains (best-of-N): one per chain that finished. Chains that wrote
 * the same steps share nodes, so a terminal reached by several chains (its visits) stands for that many samples.
 * Each sample's score is the reward model's scores along its path, aggregated.
 */
final class TreeSamples {
    private TreeSamples() {
    }

    static List<EvalMetrics.Sample> of(SearchTree tree, Task task, String groundTruth, Aggregation aggregation) {
        List<EvalMetrics.Sample> samples = new ArrayList<>();
        for (TreeNode node : tree.nodes()) {
            if (!node.isTerminal() || node.parent() == null) {
                continue;
            }
            boolean correct = task.verifier().verify(node.path(), groundTruth) == Verdict.CORRECT;
            String key = task.extractAnswer(node.path()).map(task::answerKey).orElse(null);
            EvalMetrics.Sample sample = new EvalMetrics.Sample(pathScore(node, aggregation), correct, key);
            for (int i = Math.max(1, node.visits()); i > 0; i--) {
                samples.add(sample);
            }
        }
        return samples;
    }

    /** The reward model's step scores from the root's child down to {@code end}, aggregated. */
    static double pathScore(TreeNode end, Aggregation aggregation) {
        double[] scores = new double[end.depth()];
        for (TreeNode node = end; node.parent() != null; node = node.parent()) {
            scores[node.depth() - 1] = node.prmScore();
        }
        return aggregation.reduce(scores);
    }
}
