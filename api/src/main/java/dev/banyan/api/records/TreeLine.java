package dev.banyan.api.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.banyan.api.Solution;
import dev.banyan.search.TreeNode;
import dev.banyan.search.Verdict;
import dev.banyan.search.targets.TrainingTargets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A problem's whole searched tree, with what {@code export} needs to derive its targets again: the task's name
 * and settings (written only when it has some) and the expected answer.
 *
 * @param answer the expected answer, or null
 * @param prediction the extracted answer of the chosen path, or null
 * @param chosen the node ids of the chosen path, root first
 * @param nodes every node, each after its parent
 */
@JsonPropertyOrder({"id", "task", "taskSettings", "algorithm", "question", "answer", "prediction", "solved", "chosen",
        "nodes"})
public record TreeLine(String id, String task,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> taskSettings,
                       String algorithm, String question, String answer, String prediction, Boolean solved,
                       List<Integer> chosen, List<Node> nodes) {

    public TreeLine {
        taskSettings = taskSettings == null ? Map.of() : taskSettings;
        chosen = chosen == null ? List.of() : chosen;
    }

    public static TreeLine of(Solution solution) {
        TrainingTargets targets = solution.targets();
        List<Node> nodes = new ArrayList<>();
        for (TreeNode node : solution.result().tree().nodes()) {
            Boolean correct = targets.label(node.id()).verdict().map(Verdict::asBoolean).orElse(null);
            nodes.add(new Node(node.id(), node.parent() == null ? null : node.parent().id(), node.step(),
                    JsonRecords.finite(node.value()), node.visits(), JsonRecords.finite(node.prmScore()),
                    node.isTerminal(), correct, node.tokenCount(), JsonRecords.finite(node.logProb())));
        }
        List<Integer> chosen = solution.result().trace().stream().map(step -> step.nodeId()).toList();
        return new TreeLine(solution.id(), solution.task().name(), solution.task().settings(),
                solution.result().algorithm(), solution.question(), solution.groundTruth(),
                solution.answer().orElse(null), solution.solved(), chosen, nodes);
    }

    /**
     * Binds a tree line read from a file; {@code where} names the file and line in the error.
     *
     * @throws IllegalArgumentException if the line is not a tree line
     */
    public static TreeLine read(JsonNode line, String where) {
        if (line == null || !line.isObject()) {
            throw new IllegalArgumentException(where + ": expected a tree record (a JSON object)");
        }
        try {
            return JsonRecords.MAPPER.treeToValue(line, TreeLine.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not a tree record: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * One node.
     *
     * @param parent the parent's id; null for the root
     * @param text the node's step; empty for the root
     * @param value the search's value estimate (null when not a number)
     * @param q the reward model's score of the step (null when not scored)
     * @param correct the verdict of a terminal node; null for the others
     * @param tokens policy tokens of the step
     * @param logProb the step's summed log-probability (null when unknown)
     */
    @JsonPropertyOrder({"id", "parent", "text", "value", "visits", "q", "terminal", "correct", "tokens", "logProb"})
    public record Node(Integer id, Integer parent, String text, Double value, int visits, Double q, boolean terminal,
                       Boolean correct, int tokens, Double logProb) {
    }
}
