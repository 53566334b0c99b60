package dev.banyan.search;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that every algorithm stops at, whichever comes first. A limit is checked before each policy call,
 * so a run may overshoot the token limit by one call's worth.
 *
 * @param policyTokens most policy tokens to generate
 * @param simulations most simulations (MCTS) or chains (sampling baselines)
 * @param wallTime most wall-clock time
 */
public record Budget(long policyTokens, long simulations, Duration wallTime) {
    /** No limit at all; combine with the {@code with} methods. */
    /** The longest wall time: far below where its nanoseconds overflow a long (about 292 years). */
    public static final Duration MAX_WALL_TIME = Duration.ofDays(100 * 365);

    public static final Budget UNLIMITED = new Budget(Long.MAX_VALUE, Long.MAX_VALUE, Duration.ofDays(365));

    public Budget {
        Objects.requireNonNull(wallTime, "wallTime");
        if (policyTokens < 1) {
            throw new IllegalArgumentException("policyTokens must be positive, was " + policyTokens);
        }
        if (simulations < 1) {
            throw new IllegalArgumentException("simulations must be positive, was " + simulations);
        }
        if (wallTime.isNegative() || wallTime.isZero()) {
            throw new IllegalArgumentException("wallTime must be positive, was " + wallTime);
        }
        if (wallTime.compareTo(MAX_WALL_TIME) > 0) {
            throw new IllegalArgumentException("wallTime must be at most " + MAX_WALL_TIME.toDays() + " days, was "
                    + wallTime + " (its nanoseconds must fit a long)");
        }
    }

    public Budget withPolicyTokens(long tokens) {
        return new Budget(tokens, simulations, wallTime);
    }

    public Budget withSimulations(long count) {
        return new Budget(policyTokens, count, wallTime);
    }

    public Budget withWallTime(Duration time) {
        return new Budget(policyTokens, simulations, time);
    }
}
