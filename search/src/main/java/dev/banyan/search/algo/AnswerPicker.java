package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec.AnswerMode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the answer of a searched tree: the best-valued terminal leaf, or a value-weighted vote over answers,
 * where answers with the same {@linkplain dev.banyan.search.Task#answerKey key} pool their votes.
 */
final class AnswerPicker {
    private AnswerPicker() {
    }

    static Algorithm.Choice pick(SearchRun run, AnswerMode mode) {
        Node bestLeaf = null;
        Map<String, Double> votes = new LinkedHashMap<>();
        Map<String, Node> bestLeafPerAnswer = new LinkedHashMap<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(run.tree.root());
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            for (Node child : node.childrenAcquire()) {
                pending.push(child);
            }
            if (!node.isTerminal() || node == run.tree.root()) {
                continue;
            }
            if (better(node, bestLeaf)) {
                bestLeaf = node;
            }
            Optional<String> answer = run.task.extractAnswer(node.path());
            if (answer.isPresent()) {
                String key = run.task.answerKey(answer.get());
                votes.merge(key, node.valueAcquire(), Double::sum);
                bestLeafPerAnswer.merge(key, node, (a, b) -> better(b, a) ? b : a);
            }
        }
        if (bestLeaf == null) {
            return Algorithm.Choice.of(bestValuedDescent(run.tree.root()));
        }
        if (mode == AnswerMode.VALUE_VOTE && !votes.isEmpty()) {
            String winner = null;
            for (Map.Entry<String, Double> vote : votes.entrySet()) {
                if (winner == null || vote.getValue() > votes.get(winner)) {
                    winner = vote.getKey();
                }
            }
            Node chosen = bestLeafPerAnswer.get(winner);
            return new Algorithm.Choice(chosen, run.task.extractAnswer(chosen.path()).orElseThrow());
        }
        return Algorithm.Choice.of(bestLeaf);
    }

    /** Higher value wins; then more visits; then the older node, so the pick does not depend on traversal order. */
    private static boolean better(Node candidate, Node incumbent) {
        if (incumbent == null) {
            return true;
        }
        double cv = candidate.valueAcquire();
        double iv = incumbent.valueAcquire();
        if (cv != iv) {
            return cv > iv;
        }
        if (candidate.visitsOpaque() != incumbent.visitsOpaque()) {
            return candidate.visitsOpaque() > incumbent.visitsOpaque();
        }
        return candidate.id() < incumbent.id();
    }

    /** With no terminal leaf, the path that follows the best-valued child from the root. */
    static Node bestValuedDescent(Node root) {
        Node node = root;
        while (true) {
            Node next = null;
            for (Node child : node.childrenAcquire()) {
                if (better(child, next)) {
                    next = child;
                }
            }
            if (next == null) {
                return node;
            }
            node = next;
        }
    }
}
