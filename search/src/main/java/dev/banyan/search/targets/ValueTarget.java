package dev.banyan.search.targets;

import dev.banyan.search.ReasoningPath;
import java.util.Objects;

/**
 * The ReST-MCTS* value target of one node.
 *
 * @param nodeId the node's id in its tree
 * @param path the question and steps up to and including the node's step
 * @param value the target {@code V = max(0, V_parent + (1 - V_parent) * r / m)}, in [0, 1]
 * @param r +1 on a path to a correct answer, -1 on a wrong branch hanging off one
 * @param m steps to the nearest correct answer, counting the node itself (a correct answer has 1); a wrong
 *          branch takes the m of its nearest ancestor on a correct path
 */
public record ValueTarget(int nodeId, ReasoningPath path, double value, int r, int m) {
    public ValueTarget {
        Objects.requireNonNull(path, "path");
    }
}
