package dev.banyan.search.algo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Picks the answer among the ends of finished chains (or beams), given in the order they were reached. Answers
 * with the same {@linkplain dev.banyan.search.Task#answerKey key} are one answer: their votes pool, and the
 * chosen end's own wording is what the result states. Ties
 * go to what was reached first, so the pick does not depend on how threads interleaved once the ends are
 * ordered. An end that states no answer (a dead end, or a path cut at the step limit) never wins a vote; it is
 * chosen only when no end states one, so that the result still shows the path taken.
 */
final class AnswerVote {
    private AnswerVote() {
    }

    /** The answer most chains reached, ending on the first chain that reached it. */
    static Algorithm.Choice majority(SearchRun run, List<Node> ends) {
        return weighted(run, ends, end -> 1);
    }

    /** The answer whose chains' weights sum highest, ending on its best-weighted chain. */
    static Algorithm.Choice weighted(SearchRun run, List<Node> ends, ToDoubleFunction<Node> weight) {
        Map<String, Double> totals = new LinkedHashMap<>();
        Map<String, Node> bestEnd = new HashMap<>();
        Map<Node, String> answers = new HashMap<>();
        for (Node end : ends) {
            Optional<String> answer = answerOf(run, end);
            if (answer.isPresent()) {
                String key = run.task.answerKey(answer.get());
                answers.put(end, answer.get());
                totals.merge(key, weight.applyAsDouble(end), Double::sum);
                bestEnd.merge(key, end,
                        (kept, next) -> weight.applyAsDouble(next) > weight.applyAsDouble(kept) ? next : kept);
            }
        }
        String winner = null;
        for (Map.Entry<String, Double> total : totals.entrySet()) {
            if (winner == null || total.getValue() > totals.get(winner)) {
                winner = total.getKey();
            }
        }
        if (winner == null) {
            return unanswered(run, ends, weight);
        }
        Node chosen = bestEnd.get(winner);
        return new Algorithm.Choice(chosen, answers.get(chosen));
    }

    /** The single best-weighted chain that states an answer. */
    static Algorithm.Choice best(SearchRun run, List<Node> ends, ToDoubleFunction<Node> weight) {
        Node best = null;
        String bestAnswer = null;
        for (Node end : ends) {
            Optional<String> answer = answerOf(run, end);
            if (answer.isPresent() && (best == null || weight.applyAsDouble(end) > weight.applyAsDouble(best))) {
                best = end;
                bestAnswer = answer.get();
            }
        }
        return best == null ? unanswered(run, ends, weight) : new Algorithm.Choice(best, bestAnswer);
    }

    /** No end states an answer: the best-weighted end, or the tree's best-valued descent when there is none. */
    private static Algorithm.Choice unanswered(SearchRun run, List<Node> ends, ToDoubleFunction<Node> weight) {
        Node best = null;
        for (Node end : ends) {
            if (best == null || weight.applyAsDouble(end) > weight.applyAsDouble(best)) {
                best = end;
            }
        }
        return Algorithm.Choice.of(best != null ? best : AnswerPicker.bestValuedDescent(run.tree.root()));
    }

    private static Optional<String> answerOf(SearchRun run, Node end) {
        return end.isTerminal() ? run.task.extractAnswer(end.path()) : Optional.empty();
    }
}
