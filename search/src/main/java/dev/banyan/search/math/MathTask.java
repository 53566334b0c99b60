package dev.banyan.search.math;

import dev.banyan.search.OutcomeVerifier;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Task;
import dev.banyan.search.Verdict;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Free-text math word problems (GSM8K, MATH-style). The prompt is the question put into a template
 * ({@value #QUESTION} marks where); each step is the text up to the step delimiter ({@code "\n\n"} by default,
 * {@code "\n"} for GSM8K's one-line steps). A path is finished when its newest step states a final answer
 * ({@code \boxed{...}}, {@code The answer is ...}, {@code #### ...}, {@code A: ...}, {@code Final Answer: ...};
 * see {@link MathAnswers#extract}), when the policy ends its output, or at {@link #maxSteps()}.
 * Answers are compared by meaning with exact arithmetic ({@link MathAnswers#equivalent}); the verifier reads
 * the expected answer from the ground truth, which may be a bare answer or a worked solution ending in one.
 * Stateless and thread-safe.
 */
public final class MathTask implements Task {
    /** The placeholder of the question in a prompt template. */
    public static final String QUESTION = "{question}";

    private final String promptTemplate;
    private final String stepDelimiter;
    private final int maxSteps;
    private final OutcomeVerifier verifier = this::verify;

    /**
     * @param promptTemplate the prompt, with {@value #QUESTION} where the question goes
     * @param stepDelimiter what ends a step; non-empty
     * @param maxSteps the longest path; at least 1
     */
    public MathTask(String promptTemplate, String stepDelimiter, int maxSteps) {
        this.promptTemplate = Objects.requireNonNull(promptTemplate, "promptTemplate");
        this.stepDelimiter = Objects.requireNonNull(stepDelimiter, "stepDelimiter");
        if (!promptTemplate.contains(QUESTION)) {
            throw new IllegalArgumentException("the prompt template must contain " + QUESTION + ", was '" + promptTemplate + "'");
        }
        if (stepDelimiter.isEmpty()) {
            throw new IllegalArgumentException("the step delimiter must not be empty");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, was " + maxSteps);
        }
        this.maxSteps = maxSteps;
    }

    @Override
    public String name() {
        return MathProvider.NAME;
    }

    /** The template with the question in place, then every step followed by the delimiter: prefix-stable. */
    @Override
    public String render(ReasoningPath path) {
        StringBuilder text = new StringBuilder(promptTemplate.replace(QUESTION, path.question()));
        for (String step : path.steps()) {
            text.append(step).append(stepDelimiter);
        }
        return text.toString();
    }

    /**
     * A step as the policy wrote it, whitespace included (so the policy's own token ids for it stay valid and
     * its KV is reused as it is); a blank step is dropped.
     */
    @Override
    public String normalizeStep(String step) {
        return step.isBlank() ? "" : step;
    }

    @Override
    public String stepDelimiter() {
        return stepDelimiter;
    }

    @Override
    public boolean isTerminal(ReasoningPath path) {
        return path.depth() >= maxSteps || extractAnswer(path).isPresent();
    }

    /** The final answer the newest step states. */
    @Override
    public Optional<String> extractAnswer(ReasoningPath path) {
        return path.depth() == 0 ? Optional.empty() : MathAnswers.extract(path.newestStep());
    }

    /** Equivalent answers share a key: {@code 18}, {@code 18.00}, {@code $18} and {@code \boxed{18}} are one answer. */
    @Override
    public String answerKey(String answer) {
        return MathAnswers.key(answer);
    }

    /** {@code promptTemplate}, {@code stepDelimiter} and {@code maxSteps}, as {@link MathProvider} reads them. */
    @Override
    public Map<String, Object> settings() {
        return Map.of("promptTemplate", promptTemplate, "stepDelimiter", stepDelimiter, "maxSteps", maxSteps);
    }

    @Override
    public int maxSteps() {
        return maxSteps;
    }

    /** Correct iff the newest step's answer is equivalent to the ground truth's; unknown without a ground truth. */
    @Override
    public OutcomeVerifier verifier() {
        return verifier;
    }

    private Verdict verify(ReasoningPath finished, String groundTruth) {
        if (groundTruth == null) {
            return Verdict.UNKNOWN;
        }
        if (extractAnswer(finished).isEmpty()) {
            return Verdict.WRONG;
        }
        return MathAnswers.grade(groundTruth, finished.newestStep()).equal() ? Verdict.CORRECT : Verdict.WRONG;
    }
}
