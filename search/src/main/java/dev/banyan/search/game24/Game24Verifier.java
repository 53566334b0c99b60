package dev.banyan.search.game24;

import dev.banyan.search.OutcomeVerifier;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exact check of a Game of 24 answer: the expression of the answer line must equal 24 in rational
 * arithmetic and use the puzzle's four numbers, each exactly once. Only the answer line is judged; a slip in
 * an earlier step does not matter if the answer is right. No ground truth is needed, so it is ignored.
 */
final class Game24Verifier implements OutcomeVerifier {
    static final Fraction TARGET = Fraction.of(24);

    @Override
    public Verdict verify(ReasoningPath finished, String groundTruth) {
        if (finished.depth() == 0) {
            return Verdict.WRONG;
        }
        Optional<String> answer = AnswerLine.answerOf(finished.newestStep());
        if (answer.isEmpty()) {
            return Verdict.WRONG;
        }
        return isCorrect(Game24Task.inputNumbers(finished.question()), answer.get()) ? Verdict.CORRECT : Verdict.WRONG;
    }

    /** Whether {@code answer} (the text after {@code Answer:}) is a right solution for {@code inputs}. */
    static boolean isCorrect(List<Fraction> inputs, String answer) {
        Expression expression;
        try {
            expression = Expression.parse(AnswerLine.expressionOf(answer));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (!sameMultiset(expression.leaves(), inputs)) {
            return false;
        }
        try {
            return expression.value().equals(TARGET);
        } catch (ArithmeticException divisionByZeroOrOverflow) {
            return false;
        }
    }

    static boolean sameMultiset(List<Fraction> a, List<Fraction> b) {
        if (a.size() != b.size()) {
            return false;
        }
        List<Fraction> sortedA = new ArrayList<>(a);
        List<Fraction> sortedB = new ArrayList<>(b);
        sortedA.sort(null);
        sortedB.sort(null);
        return sortedA.equals(sortedB);
    }
}
