package dev.banyan.search.game24;

import dev.banyan.search.Policy;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A stand-in for a policy model on Game of 24, for tests and benchmarks without a network: it reads the
 * numbers left from the path and proposes a random legal step in the format of Tree of Thoughts.
 *
 * <p>How each proposal is drawn:
 * <ol>
 *   <li>The legal steps are {@link Moves#nonNegative}: two numbers left, an operator, no division by zero,
 *       and no negative result (the larger number minus the smaller; every solvable puzzle of positive
 *       numbers has a solution without negative intermediates, so nothing is lost).</li>
 *   <li>With probability {@code solvableLean} the step is drawn uniformly from the legal steps that leave
 *       numbers which can still make 24 (if there are any); otherwise uniformly from all legal steps.</li>
 *   <li>With probability {@code slipRate} the result written is wrong: one more or one less than the right
 *       value, or what another operator would give, never negative; the {@code left:} list agrees with the
 *       wrong value, as a model that miscalculated would write it.</li>
 *   <li>Once one number is left, the proposal is the answer line: the expression rebuilt from the steps with
 *       the value it really has, e.g. {@code Answer: (1 + 2) * 3 + 4 = 13}; a slip upstream thus shows up as
 *       a wrong answer. (Should a slip have hidden a division by zero, the line ends with the value the
 *       steps wrote, as the real one is undefined.)</li>
 * </ol>
 * The randomness comes from {@link StepRequest#seed()} alone, so a request always gets the same proposals.
 * A greedy request gets one draw, seeded by the path's text instead, repeated {@code count} times: a fixed
 * function of the path like argmax decoding, which is right no more often than a sample (an argmax over
 * the mixture above would always take a solvable step and make greedy search an oracle).
 *
 * <p>{@code tokenCount} is the step's length in characters plus one for the delimiter, as for a
 * character-level model; a step longer than {@code maxTokens} is cut there. {@code logProb} is the log of
 * the exact probability of drawing that text. Futures are already complete; thread-safe.
 */
public final class SimulatedPolicy implements Policy {
    /** Arbitrary; differs from the reward model's so that their draws for one path are unrelated. */
    private static final long GREEDY_SALT = 0x9E3779B97F4A7C15L;

    private final double solvableLean;
    private final double slipRate;
    private final Game24Solver solver;

    private SimulatedPolicy(Builder builder) {
        this.solvableLean = builder.solvableLean;
        this.slipRate = builder.slipRate;
        this.solver = builder.solver;
    }

    /** Settings start at {@code solvableLean = 0.5}, {@code slipRate = 0.05}, the shared solver. */
    public static Builder builder() {
        return new Builder();
    }

    public double solvableLean() {
        return solvableLean;
    }

    public double slipRate() {
        return slipRate;
    }

    /** Fails (as a failed future) when the path is malformed or already has its answer. */
    @Override
    public CompletableFuture<List<StepProposal>> propose(StepRequest request) {
        try {
            return CompletableFuture.completedFuture(proposals(request));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<StepProposal> proposals(StepRequest request) {
        Derivation derivation = derive(request.path());
        if (derivation.numbers().size() == 1) {
            String answer = answerLine(derivation);
            return Collections.nCopies(request.count(), proposal(answer, 0.0, request.maxTokens()));
        }
        Choices choices = new Choices(derivation.numbers());
        if (request.greedy()) {
            SplittableRandom byPath = new SplittableRandom(PathSeed.of(request.path(), GREEDY_SALT));
            StepProposal only = choices.draw(byPath, request.maxTokens());
            return Collections.nCopies(request.count(), only);
        }
        SplittableRandom random = new SplittableRandom(request.seed());
        List<StepProposal> proposals = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            proposals.add(choices.draw(random, request.maxTokens()));
        }
        return List.copyOf(proposals);
    }

    /** Replays the path's steps from the question's numbers. */
    private static Derivation derive(ReasoningPath path) {
        Derivation derivation = Derivation.start(Game24Task.inputNumbers(path.question()));
        for (String text : path.steps()) {
            if (AnswerLine.isAnswer(text)) {
                throw new IllegalArgumentException("the path is finished: it has the answer line '" + text + "'");
            }
            derivation = derivation.after(Step.parse(text));
        }
        return derivation;
    }

    /** The rebuilt expression with its real value. */
    private static String answerLine(Derivation derivation) {
        Expression expression = derivation.onlyExpression();
        try {
            return AnswerLine.of(expression);
        } catch (ArithmeticException divisionByZero) {
            // A slip hid a division by zero (a zero written as non-zero): the real value is undefined, so
            // the line keeps the value the steps wrote; the verifier rejects the expression all the same.
            return AnswerLine.of(expression, derivation.numbers().get(0));
        }
    }

    private static StepProposal proposal(String text, double logProb, int maxTokens) {
        if (text.length() + 1 <= maxTokens) {
            return new StepProposal(text, text.length() + 1, logProb);
        }
        // Stopped by the token limit: the step is cut and no delimiter was generated.
        return new StepProposal(text.substring(0, maxTokens), maxTokens, logProb);
    }

    /** The legal and the solvable steps from one state, and the drawing among them. */
    private final class Choices {
        private final List<Step> legal;
        private final List<Step> solvable = new ArrayList<>();

        Choices(List<Fraction> numbers) {
            legal = Moves.nonNegative(numbers);
            for (Step step : legal) {
                if (solver.solvable(step.remaining())) {
                    solvable.add(step);
                }
            }
        }

        StepProposal draw(SplittableRandom random, int maxTokens) {
            boolean lean = !solvable.isEmpty() && random.nextDouble() < solvableLean;
            List<Step> pool = lean ? solvable : legal;
            Step step = pool.get(random.nextInt(pool.size()));
            double probability = probabilityOf(step);
            if (random.nextDouble() < slipRate) {
                List<Fraction> wrong = wrongResults(step);
                Fraction written = wrong.get(random.nextInt(wrong.size()));
                List<Fraction> others = new ArrayList<>(step.remaining());
                others.remove(step.result());
                step = Step.written(step.first(), step.operator(), step.second(), written, others);
                probability *= slipRate / wrong.size();
            } else {
                probability *= 1 - slipRate;
            }
            return proposal(step.format(), Math.log(probability), maxTokens);
        }

        /** The chance that the draw picks {@code step} before any slip: a mixture of two uniform choices. */
        private double probabilityOf(Step step) {
            double uniform = 1.0 / legal.size();
            if (solvable.isEmpty()) {
                return uniform;
            }
            return (1 - solvableLean) * uniform + (solvable.contains(step) ? solvableLean / solvable.size() : 0);
        }
    }

    /** The wrong values a slip may write instead of the step's right result: each distinct one, none negative. */
    static List<Fraction> wrongResults(Step step) {
        Fraction right = step.result();
        Set<Fraction> wrong = new LinkedHashSet<>();
        wrong.add(right.plus(Fraction.ONE));
        wrong.add(right.minus(Fraction.ONE));
        for (Operator other : Operator.values()) {
            if (other != step.operator() && !(other == Operator.DIVIDE && step.second().isZero())) {
                wrong.add(other.apply(step.first(), step.second()));
            }
        }
        wrong.remove(right);
        wrong.removeIf(value -> value.signum() < 0);
        return List.copyOf(wrong);
    }

    @Override
    public String toString() {
        return "SimulatedPolicy[solvableLean=" + solvableLean + ", slipRate=" + slipRate + "]";
    }

    /** Settings of a {@link SimulatedPolicy}, each checked when set. */
    public static final class Builder {
        private double solvableLean = 0.5;
        private double slipRate = 0.05;
        private Game24Solver solver = Game24Solver.shared();

        private Builder() {
        }

        /** The probability of drawing among the steps that keep 24 reachable, in [0, 1]. */
        public Builder solvableLean(double probability) {
            this.solvableLean = requireProbability("solvableLean", probability);
            return this;
        }

        /** The probability that a step's written result is wrong, in [0, 1]. */
        public Builder slipRate(double probability) {
            this.slipRate = requireProbability("slipRate", probability);
            return this;
        }

        /** The solver that tells solvable steps apart (the process-wide one by default). */
        public Builder solver(Game24Solver solver) {
            this.solver = Objects.requireNonNull(solver, "solver");
            return this;
        }

        public SimulatedPolicy build() {
            return new SimulatedPolicy(this);
        }
    }

    static double requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
        return value;
    }
}
