package dev.banyan.search.targets;

import dev.banyan.search.Verdict;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What extraction concluded about one node.
 *
 * @param nodeId the node's id in its tree
 * @param verdict the verifier's verdict if the node is a terminal leaf, empty otherwise
 * @param stepsToCorrect the fewest steps from this node to a correct leaf, counting the node itself (1 for a
 *                       correct leaf); empty when no correct leaf lies at or below it
 */
public record NodeLabel(int nodeId, Optional<Verdict> verdict, OptionalInt stepsToCorrect) {
    public NodeLabel {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(stepsToCorrect, "stepsToCorrect");
    }

    /** Whether the node is a terminal leaf the verifier judged correct (UNKNOWN is not correct). */
    public boolean isCorrect() {
        return verdict.filter(v -> v == Verdict.CORRECT).isPresent();
    }

    /** Whether a correct leaf lies at or below the node. */
    public boolean onCorrectPath() {
        return stepsToCorrect.isPresent();
    }
}
