package dev.banyan.cli;

import dev.banyan.search.OutcomeVerifier;
import dev.banyan.search.SearchTree;
import dev.banyan.search.TreeNode;
import dev.banyan.search.Verdict;

/**
 * The shape of one searched tree, for {@code compare}: how wide and deep the search went, how many paths it
 * finished, and whether any of them is right (what a better answer choice could have picked).
 *
 * @param nodes nodes, the root included
 * @param terminals finished paths (terminal nodes)
 * @param maxDepth the deepest node's depth (steps below the root)
 * @param rootWidth children of the root
 * @param holdsRight whether some terminal is judged correct by the task's verifier
 */
record TreeShape(int nodes, int terminals, int maxDepth, int rootWidth, boolean holdsRight) {

    static TreeShape of(SearchTree tree, OutcomeVerifier verifier, String groundTruth) {
        int nodes = 0;
        int terminals = 0;
        int maxDepth = 0;
        boolean holdsRight = false;
        for (TreeNode node : tree.nodes()) {
            nodes++;
            maxDepth = Math.max(maxDepth, node.depth());
            if (node.isTerminal() && node.parent() != null) {
                terminals++;
                if (!holdsRight && verifier.verify(node.path(), groundTruth) == Verdict.CORRECT) {
                    holdsRight = true;
                }
            }
        }
        return new TreeShape(nodes, terminals, maxDepth, tree.root().children().size(), holdsRight);
    }
}
