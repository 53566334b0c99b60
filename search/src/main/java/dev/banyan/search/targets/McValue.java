package dev.banyan.search.targets;

import dev.banyan.search.ReasoningPath;
import java.util.Objects;

/**
 * The search's own value estimate of one step.
 *
 * @param nodeId the node's id in its tree
 * @param path the question and steps up to and including the node's step
 * @param value the node's {@link dev.banyan.search.TreeNode#value()}
 * @param visits the node's completed visits, a measure of how far to trust {@code value}
 */
public record McValue(int nodeId, ReasoningPath path, double value, int visits) {
    public McValue {
        Objects.requireNonNull(path, "path");
    }
}
