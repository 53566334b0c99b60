package dev.banyan.search;

import java.util.List;

/**
 * Read-only view of a node of a searched tree. Values read while a search is running are a recent snapshot;
 * after the search returns they are final.
 */
public interface TreeNode {
    /** Unique within its tree; the root is 0, and ids grow in creation order. */
    int id();

    /** The parent, or {@code null} for the root. */
    TreeNode parent();

    /** The step text; empty for the root. */
    String step();

    /** Steps from the root (the root is 0). */
    int depth();

    /** Whether the path ending here is finished. */
    boolean isTerminal();

    /** The search's value estimate (MCTS* V, or mean backed-up value). */
    double value();

    /** The reward model's score of this node's step when it was created (NaN for the root). */
    double prmScore();

    /** Completed visits through this node. */
    int visits();

    /** Policy tokens generated for this step. */
    int tokenCount();

    /** Summed log-probability of this step's tokens. */
    double logProb();

    /** Children in creation order. */
    List<? extends TreeNode> children();

    /** The question and steps from the root to here. */
    ReasoningPath path();
}
