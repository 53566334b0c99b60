package dev.banyan.search.game24;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;
import dev.banyan.search.StepScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A stand-in for a process reward model on Game of 24, for tests and benchmarks without a network.
 *
 * <p>The exact score of a path is 1 when every step so far is right and 24 can still be made, else 0:
 * each step must be well formed, use two numbers that are left, write the right result, and list as left
 * exactly the numbers that remain; the numbers left after the newest step must be {@linkplain
 * Game24Solver#solvable solvable}. A path ending in an answer line scores 1 iff the answer is correct
 * (checked exactly, whatever the steps before it say).
 *
 * <p>With {@code noise} above 0, each score is, with probability {@code noise}, replaced by a uniform draw
 * in [0, 1]: 0 gives the exact model, 1 a useless one. The draw is seeded by the path's text and the
 * {@code seed} setting, so a path always gets the same score. {@code tokensProcessed} is the newest step's
 * length in characters plus one. Futures are already complete; thread-safe.
 */
public final class SimulatedPrm implements StepScorer {
    /** Arbitrary; differs from the policy's so that their draws for one path are unrelated. */
    private static final long NOISE_SALT = 0xBF58476D1CE4E5B9L;

    private final double noise;
    private final long seed;
    private final Game24Solver solver;

    private SimulatedPrm(Builder builder) {
        this.noise = builder.noise;
        this.seed = builder.seed;
        this.solver = builder.solver;
    }

    /** The noiseless model. */
    public static SimulatedPrm exact() {
        return builder().build();
    }

    /** Settings start at {@code noise = 0}, {@code seed = 0}, the shared solver. */
    public static Builder builder() {
        return new Builder();
    }

    public double noise() {
        return noise;
    }

    /** Fails (as a failed future) when a path has no step or a malformed question. */
    @Override
    public CompletableFuture<List<StepScore>> score(List<ReasoningPath> paths) {
        try {
            List<StepScore> scores = new ArrayList<>(paths.size());
            for (ReasoningPath path : paths) {
                scores.add(new StepScore(noisy(exactScore(path), path), path.newestStep().length() + 1));
            }
            return CompletableFuture.completedFuture(scores);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** 1 if every step of the path is right and 24 is still reachable (or the answer is correct), else 0. */
    double exactScore(ReasoningPath path) {
        String newest = path.newestStep();
        List<Fraction> inputs = Game24Task.inputNumbers(path.question());
        if (AnswerLine.isAnswer(newest)) {
            return Game24Verifier.isCorrect(inputs, AnswerLine.answerOf(newest).orElseThrow()) ? 1 : 0;
        }
        List<Fraction> left = inputs;
        for (String text : path.steps()) {
            if (AnswerLine.isAnswer(text)) {
                return 0;
            }
            Step step;
            try {
                step = Step.parse(text);
            } catch (IllegalArgumentException malformed) {
                return 0;
            }
            if (!follows(left, step)) {
                return 0;
            }
            left = step.remaining();
        }
        return solver.solvable(left) ? 1 : 0;
    }

    /** Whether {@code step} is a right step from the numbers {@code left}. */
    private static boolean follows(List<Fraction> left, Step step) {
        if (!step.isArithmeticRight()) {
            return false;
        }
        List<Fraction> after = new ArrayList<>(left);
        if (!after.remove(step.first()) || !after.remove(step.second())) {
            return false;
        }
        after.add(step.result());
        return Game24Verifier.sameMultiset(after, step.remaining());
    }

    private double noisy(double exact, ReasoningPath path) {
        if (noise == 0) {
            return exact;
        }
        SplittableRandom random = new SplittableRandom(PathSeed.of(path, NOISE_SALT + seed));
        return random.nextDouble() < noise ? random.nextDouble() : exact;
    }

    @Override
    public String toString() {
        return "SimulatedPrm[noise=" + noise + ", seed=" + seed + "]";
    }

    /** Settings of a {@link SimulatedPrm}, each checked when set. */
    public static final class Builder {
        private double noise;
        private long seed;
        private Game24Solver solver = Game24Solver.shared();

        private Builder() {
        }

        /** The probability that a score is a uniform draw instead of the exact one, in [0, 1]. */
        public Builder noise(double probability) {
            this.noise = SimulatedPolicy.requireProbability("noise", probability);
            return this;
        }

        /** Picks which paths get noisy scores, and which ones. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The solver that decides reachability (the process-wide one by default). */
        public Builder solver(Game24Solver solver) {
            this.solver = Objects.requireNonNull(solver, "solver");
            return this;
        }

        public SimulatedPrm build() {
            return new SimulatedPrm(this);
        }
    }
}
