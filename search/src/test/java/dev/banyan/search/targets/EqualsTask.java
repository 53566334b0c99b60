package dev.banyan.search.targets;

import dev.banyan.search.OutcomeVerifier;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Task;
import dev.banyan.search.Verdict;
import java.util.Optional;

/**
 * A test task: steps are free text, a step {@code "= X"} answers X, and the answer is correct when it equals the
 * ground truth. The answer {@code "?"} and a missing ground truth are judged UNKNOWN. Not final, so a test can
 * bend one method.
 */
class EqualsTask implements Task {
    static boolean isAnswer(String step) {
        return step.startsWith("= ");
    }

    @Override
    public String name() {
        return "equals";
    }

    @Override
    public String render(ReasoningPath path) {
        StringBuilder text = new StringBuilder("Q: ").append(path.question()).append('\n');
        for (String step : path.steps()) {
            text.append(step).append(stepDelimiter());
        }
        return text.toString();
    }

    @Override
    public String stepDelimiter() {
        return "\n";
    }

    @Override
    public boolean isTerminal(ReasoningPath path) {
        return path.depth() > 0 && isAnswer(path.newestStep());
    }

    @Override
    public Optional<String> extractAnswer(ReasoningPath path) {
        return isTerminal(path) ? Optional.of(path.newestStep().substring(2)) : Optional.empty();
    }

    @Override
    public int maxSteps() {
        return 10;
    }

    @Override
    public OutcomeVerifier verifier() {
        return (finished, groundTruth) -> {
            Optional<String> answer = extractAnswer(finished);
            if (groundTruth == null || answer.filter("?"::equals).isPresent()) {
                return Verdict.UNKNOWN;
            }
            return answer.filter(groundTruth::equals).isPresent() ? Verdict.CORRECT : Verdict.WRONG;
        };
    }
}
