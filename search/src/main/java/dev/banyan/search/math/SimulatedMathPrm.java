package dev.banyan.search.math;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;
import dev.banyan.search.StepScorer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in process reward model for math word problems, judging a step by the numbers it derives against
 * the reference solution's. A step that states a final answer scores {@value #RIGHT_ANSWER} when it equals the
 * reference answer ({@link MathAnswers#grade}) and {@value #WRONG_ANSWER} otherwise. Any other step's derived
 * numbers are the results of its calculator annotations ({@code <<16-3=13>>} gives 13), or without any, the
 * numbers right after an {@code =}; its score runs from {@value #NONE_AGREE} (none is among the reference's
 * derived numbers) to {@value #ALL_AGREE} (all are), and is {@value #NEUTRAL} when it derives nothing. A
 * correct step on another route than the reference's scores low: the model is fallible, like a real PRM.
 *
 * <p>With {@code noise} above 0, each score is, with that probability, replaced by a uniform draw in [0, 1],
 * seeded by the path's text and {@code seed}, so one path always gets the same score. Tokens processed: the
 * newest step's characters / 4, rounded up, plus one. Futures already complete; thread-safe.
 */
final class SimulatedMathPrm implements StepScorer {
    static final double RIGHT_ANSWER = 0.95;
    static final double WRONG_ANSWER = 0.05;
    static final double ALL_AGREE = 0.9;
    static final double NONE_AGREE = 0.1;
    static final double NEUTRAL = 0.5;
    /** Arbitrary; keeps the noise draws apart from the policy's. */
    private static final long NOISE_SALT = 0x94D049BB133111EBL;
    private static final Pattern ANNOTATION_RESULT = Pattern.compile("<<[^<>]*=\\s*(-?[\\d,]*\\.?\\d+)\\s*>>");
    private static final Pattern AFTER_EQUALS = Pattern.compile("=\\s*\\$?\\s*(-?[\\d,]*\\.?\\d+)");

    private final SolutionBank bank;
    private final double noise;
    private final long seed;

    SimulatedMathPrm(SolutionBank bank, double noise, long seed) {
        this.bank = bank;
        this.noise = noise;
        this.seed = seed;
    }

    @Override
    public CompletableFuture<List<StepScore>> score(List<ReasoningPath> paths) {
        try {
            List<StepScore> scores = new ArrayList<>(paths.size());
            for (ReasoningPath path : paths) {
                String step = path.newestStep();
                scores.add(new StepScore(noisy(exactScore(path), path), (step.length() + 3) / 4 + 1));
            }
            return CompletableFuture.completedFuture(scores);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    double exactScore(ReasoningPath path) {
        List<String> reference = bank.of(path.question()).groundTruth();
        String step = path.newestStep();
        if (MathAnswers.extract(step).isPresent()) {
            return MathAnswers.grade(String.join("\n", reference), step).equal() ? RIGHT_ANSWER : WRONG_ANSWER;
        }
        List<BigDecimal> derived = derivedNumbers(step);
        if (derived.isEmpty()) {
            return NEUTRAL;
        }
        Set<BigDecimal> expected = new HashSet<>();
        for (String line : reference) {
            expected.addAll(derivedNumbers(line));
        }
        long agreeing = derived.stream().filter(expected::contains).count();
        return NONE_AGREE + (ALL_AGREE - NONE_AGREE) * agreeing / derived.size();
    }

    /** Results of calculator annotations, else numbers right after '='; normalised so 9.0 and 9 are one. */
    static List<BigDecimal> derivedNumbers(String text) {
        List<BigDecimal> numbers = new ArrayList<>();
        Matcher annotations = ANNOTATION_RESULT.matcher(text);
        while (annotations.find()) {
            addNumber(numbers, annotations.group(1));
        }
        if (numbers.isEmpty()) {
            Matcher equals = AFTER_EQUALS.matcher(text);
            while (equals.find()) {
                addNumber(numbers, equals.group(1));
            }
        }
        return numbers;
    }

    private static void addNumber(List<BigDecimal> numbers, String digits) {
        String plain = digits.replace(",", "");
        if (plain.length() <= 40 && !plain.isEmpty() && !plain.equals("-")) {
            try {
                numbers.add(new BigDecimal(plain).stripTrailingZeros());
            } catch (NumberFormatException notANumber) {
                // a stray comma or dot: not a derived number
            }
        }
    }

    private double noisy(double exact, ReasoningPath path) {
        if (noise == 0) {
            return exact;
        }
        SplittableRandom random = new SplittableRandom(path.hashCode() * NOISE_SALT ^ seed);
        return random.nextDouble() < noise ? random.nextDouble() : exact;
    }
}
