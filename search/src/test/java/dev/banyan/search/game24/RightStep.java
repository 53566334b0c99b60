package dev.banyan.search.game24;

import java.util.ArrayList;
import java.util.List;

/** The test's own reading of whether a step follows from the numbers left, written out plainly. */
final class RightStep {
    private RightStep() {
    }

    /** The numbers left after {@code text}, or {@code null} if it is not a right step from {@code left}. */
    static List<Fraction> after(List<Fraction> left, String text) {
        Step step;
        try {
            step = Step.parse(text);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        if (step.operator() == Operator.DIVIDE && step.second().isZero()) {
            return null;
        }
        if (!step.operator().apply(step.first(), step.second()).equals(step.result())) {
            return null;
        }
        List<Fraction> rest = new ArrayList<>(left);
        if (!rest.remove(step.first()) || !rest.remove(step.second())) {
            return null;
        }
        rest.add(step.result());
        rest.sort(null);
        return rest.equals(step.remaining()) ? rest : null;
    }

    /** The numbers left after {@code text} as it writes them, whether its result is right or not; else null. */
    static List<Fraction> afterWritten(List<Fraction> left, String text) {
        Step step = Step.parse(text);
        List<Fraction> rest = new ArrayList<>(left);
        if (!rest.remove(step.first()) || !rest.remove(step.second())) {
            return null;
        }
        rest.add(step.result());
        rest.sort(null);
        return rest.equals(step.remaining()) ? rest : null;
    }
}
