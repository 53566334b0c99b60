package dev.banyan.search.targets;

import java.util.Objects;

/**
 * How training targets are extracted.
 *
 * @param margin the least value gap between two sibling steps for them to form a preference pair; finite
 *               and positive
 * @param pairValues which value ranks sibling steps
 */
public record TargetOptions(double margin, PairValueSource pairValues) {
    /** The default preference margin. */
    public static final double DEFAULT_MARGIN = 0.3;

    public TargetOptions {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("margin must be finite and positive, was " + margin);
        }
        Objects.requireNonNull(pairValues, "pairValues");
    }

    /** Margin 0.3, ranking by value target where there is one, else by MC value. */
    public static TargetOptions defaults() {
        return new TargetOptions(DEFAULT_MARGIN, PairValueSource.TARGET_THEN_MC);
    }

    public TargetOptions withMargin(double newMargin) {
        return new TargetOptions(newMargin, pairValues);
    }

    public TargetOptions withPairValues(PairValueSource newPairValues) {
        return new TargetOptions(margin, newPairValues);
    }
}
