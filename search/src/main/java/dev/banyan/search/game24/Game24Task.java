package dev.banyan.search.game24;

import dev.banyan.search.OutcomeVerifier;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Game of 24 in the chain-of-thought format of Tree of Thoughts (Yao et al., 2023): the question is the four
 * numbers, e.g. {@code 4 9 10 13}; each step combines two numbers, e.g. {@code 13 - 9 = 4 (left: 4 4 10)};
 * the last step is the answer line {@code Answer: (13 - 9) * (10 - 4) = 24}. The prompt reads
 * <pre>
 * Input: 4 9 10 13
 * Steps:
 * 13 - 9 = 4 (left: 4 4 10)
 * </pre>
 * Answers are checked exactly (see {@link #verifier()}). Stateless and thread-safe.
 */
public final class Game24Task implements Task {
    /** Three arithmetic steps and the answer line. */
    public static final int MAX_STEPS = 4;
    /** Compiled once: {@code String.split} compiles a many-character pattern on every call. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final OutcomeVerifier verifier = new Game24Verifier();

    @Override
    public String name() {
        return "game24";
    }

    @Override
    public String render(ReasoningPath path) {
        StringBuilder text = new StringBuilder("Input: ").append(path.question()).append("\nSteps:\n");
        for (String step : path.steps()) {
            text.append(step).append(stepDelimiter());
        }
        return text.toString();
    }

    @Override
    public String stepDelimiter() {
        return "\n";
    }

    /** The largest magnitude of a question's number: far from where exact arithmetic on four of them overflows. */
    public static final int MAX_NUMBER = 10_000;

    /**
     * A question is exactly four integers, each from {@code -MAX_NUMBER} to {@code MAX_NUMBER}, separated by
     * spaces, e.g. {@code 4 9 10 13} or {@code -1 2 3 4}.
     */
    @Override
    public void checkQuestion(String question) {
        if (question.length() > 200) {
            throw new IllegalArgumentException("malformed question '" + question.substring(0, 40)
                    + "...': a Game of 24 question is four integers such as 4 9 10 13, not " + question.length()
                    + " characters");
        }
        List<Fraction> numbers = inputNumbers(question);
        if (numbers.size() != 4) {
            throw new IllegalArgumentException("malformed question '" + question + "': a Game of 24 question is "
                    + "exactly four numbers, such as 4 9 10 13; this has " + numbers.size());
        }
        for (Fraction number : numbers) {
            if (!number.isInteger()) {
                throw new IllegalArgumentException("malformed question '" + question + "': " + number
                        + " is not an integer; a Game of 24 question is four integers");
            }
            if (Math.abs(number.numerator()) > MAX_NUMBER) {
                throw new IllegalArgumentException("malformed question '" + question + "': " + number
                        + " is out of range; each number must be from -" + MAX_NUMBER + " to " + MAX_NUMBER);
            }
        }
    }

    /** Finished once the newest step is an answer line, or after {@link #MAX_STEPS} steps. */
    @Override
    public boolean isTerminal(ReasoningPath path) {
        return path.depth() >= MAX_STEPS || path.depth() > 0 && AnswerLine.isAnswer(path.newestStep());
    }

    /** What follows {@code Answer: } in the newest step, e.g. {@code (13 - 9) * (10 - 4) = 24}. */
    @Override
    public Optional<String> extractAnswer(ReasoningPath path) {
        return path.depth() == 0 ? Optional.empty() : AnswerLine.answerOf(path.newestStep());
    }

    @Override
    public int maxSteps() {
        return MAX_STEPS;
    }

    /**
     * Correct iff the answer line's expression equals exactly 24 and uses the question's numbers, each once.
     * The ground truth is ignored; a path without an answer line, or with a malformed one, is wrong.
     */
    @Override
    public OutcomeVerifier verifier() {
        return verifier;
    }

    /**
     * The numbers left after the path, as its text says: the {@code left:} list of the newest step, or the
     * question's numbers before the first step, in ascending order; none after an answer line. Throws
     * {@link IllegalArgumentException} when the newest step is malformed.
     */
    public List<Fraction> numbersLeft(ReasoningPath path) {
        if (path.depth() == 0) {
            List<Fraction> inputs = new ArrayList<>(inputNumbers(path.question()));
            inputs.sort(null);
            return List.copyOf(inputs);
        }
        String newest = path.newestStep();
        return AnswerLine.isAnswer(newest) ? List.of() : Step.parse(newest).remaining();
    }

    /** The numbers of a question such as {@code 4 9 10 13}, in order. */
    public static List<Fraction> inputNumbers(String question) {
        String[] words = WHITESPACE.split(question.strip());
        if (words.length == 1 && words[0].isEmpty()) {
            throw new IllegalArgumentException("malformed question '" + question + "': expected numbers such as 4 9 10 13");
        }
        List<Fraction> numbers = new ArrayList<>(words.length);
        for (String word : words) {
            try {
                numbers.add(Fraction.parse(word));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed question '" + question + "': " + e.getMessage(), e);
            }
        }
        return List.copyOf(numbers);
    }
}
