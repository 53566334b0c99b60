package dev.banyan.search.algo;

import dev.banyan.search.TreeNode;

import java.util.List;
import java.util.Optional;

/**
 * Values for the unscored baselines (greedy, self-consistency), which call no PRM: a node's value is the
 * share of the finished chains through it whose answer is the chosen one (by the task's answer key), a mean
 * backup of 1 for agreeing
 * and 0 for any other chain. Nodes no finished chain passed keep 0.
 */
final class AgreementValues {
    private AgreementValues() {
    }

    /** Sets the values once the search is quiescent; {@code answer} may be null when no chain stated one. */
    static void assign(SearchRun run, List<Node> ends, String answer) {
        String chosenKey = answer == null ? null : run.task.answerKey(answer);
        for (Node end : ends) {
            Optional<String> reached = end.isTerminal() ? run.task.extractAnswer(end.path()) : Optional.empty();
            double agrees = reached.isPresent() && run.task.answerKey(reached.get()).equals(chosenKey) ? 1 : 0;
            for (Node node = end; node != null; node = node.parent()) {
                node.addValueSum(agrees);
            }
        }
        for (TreeNode view : run.tree.nodes()) {
            Node node = (Node) view;
            int visits = node.visitsOpaque();
            node.setValueRelease(visits == 0 ? 0 : node.valueSumAcquire() / visits);
        }
    }
}
