package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;

/**
 * η-MCTS's progressive widening: node s may have {@code n(s) = max(cMin, min(floor(α·I(s)) + 1, cMax))}
 * children, where the importance {@code I(s) = max_o |v([s,o]) − v(s)|} is how far its children's critic
 * values stray from its own. A node whose children all agree with it stays narrow; one whose children
 * disagree earns more.
 */
final class ProgressiveWidening {
    private ProgressiveWidening() {
    }

    /** How many children {@code node} may have now, from its existing children's critic values. */
    static int allowed(AlgorithmSpec.EtaMcts spec, Node node, Node[] children) {
        return allowed(spec, importance(ownValue(node), children));
    }

    static int allowed(AlgorithmSpec.EtaMcts spec, double importance) {
        double widened = Math.floor(spec.wideningAlpha() * importance) + 1;
        return (int) Math.max(spec.cMin(), Math.min(widened, spec.cMax()));
    }

    static double importance(double ownValue, Node[] children) {
        double importance = 0;
        for (Node child : children) {
            importance = Math.max(importance, Math.abs(child.valueAcquire() - ownValue));
        }
        return importance;
    }

    /** The node's critic value; the root has no step to judge, so its mean backed-up value stands in. */
    private static double ownValue(Node node) {
        if (node.parent() != null) {
            return node.valueAcquire();
        }
        int visits = node.visitsOpaque();
        return visits == 0 ? 0 : node.valueSumAcquire() / visits;
    }
}
