package dev.banyan.search;

/**
 * One step of the answer's trace.
 *
 * @param nodeId the id of the tree node this step is (see {@link TreeNode#id()})
 * @param text the step's text
 * @param value the search's value estimate for it
 */
public record TraceStep(int nodeId, String text, double value) {
}
