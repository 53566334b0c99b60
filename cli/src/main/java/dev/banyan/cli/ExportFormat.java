package dev.banyan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchTree;
import dev.banyan.search.Task;
import dev.banyan.search.TreeNode;
import dev.banyan.search.targets.PreferencePair;
import dev.banyan.search.targets.SftSample;
import dev.banyan.search.targets.TrainingTargets;
import dev.banyan.search.targets.ValueTarget;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The training files drawn from a searched tree; every record carries the problem's {@code id}. */
enum ExportFormat {
    /** {@code {"prompt", "completion"}}: one per distinct correct trace, for fine-tuning the policy. */
    SFT("sft.jsonl") {
        @Override
        List<ObjectNode> records(String id, SearchTree tree, Task task, TrainingTargets targets) {
            List<ObjectNode> records = new ArrayList<>();
            for (SftSample sample : targets.sft()) {
                ObjectNode record = Json.object();
                record.put("id", id);
                record.put("prompt", sample.prompt());
                record.put("completion", sample.completion());
                records.add(record);
            }
            return records;
        }
    },

    /**
     * TRL's stepwise-supervision format {@code {"prompt", "completions": [step], "labels": [bool],
     * "values": [float]}}: one per distinct root-to-leaf path, with the ReST-MCTS* value target of each step in
     * {@code values} and {@code labels[i] = (r = +1)}, i.e. a correct answer lies at or below step i. (A wrong
     * step can keep a value above 0 when far from the answer, so {@code value > 0} would be a weaker label.)
     * Trees without a correct leaf have no targets and give no records.
     */
    PRM("prm.jsonl") {
        @Override
        List<ObjectNode> records(String id, SearchTree tree, Task task, TrainingTargets targets) {
            Map<Integer, ValueTarget> byNode = new HashMap<>();
            targets.valueTargets().forEach(target -> byNode.put(target.nodeId(), target));
            String prompt = task.render(ReasoningPath.of(tree.root().path().question()));
            Set<List<String>> seen = new HashSet<>();
            List<ObjectNode> records = new ArrayList<>();
            for (TreeNode leaf : tree.nodes()) {
                if (!leaf.children().isEmpty() || leaf.parent() == null) {
                    continue;
                }
                List<ValueTarget> path = targetsFromRoot(leaf, byNode);
                List<String> steps = path.stream().map(target -> target.path().newestStep()).toList();
                if (path.isEmpty() || !seen.add(steps)) {
                    continue;
                }
                ObjectNode record = Json.object();
                record.put("id", id);
                record.put("prompt", prompt);
                ArrayNode completions = record.putArray("completions");
                ArrayNode labels = record.putArray("labels");
                ArrayNode values = record.putArray("values");
                for (ValueTarget target : path) {
                    completions.add(target.path().newestStep());
                    labels.add(target.r() > 0);
                    values.add(target.value());
                }
                records.add(record);
            }
            return records;
        }

        /** The targets from the root's child down to {@code leaf}, cut at the first node that has none. */
        private List<ValueTarget> targetsFromRoot(TreeNode leaf, Map<Integer, ValueTarget> byNode) {
            Deque<TreeNode> path = new ArrayDeque<>();
            for (TreeNode node = leaf; node.parent() != null; node = node.parent()) {
                path.push(node);
            }
            List<ValueTarget> found = new ArrayList<>();
            for (TreeNode node : path) {
                ValueTarget target = byNode.get(node.id());
                if (target == null) {
                    break;
                }
                found.add(target);
            }
            return found;
        }
    },

    /** {@code {"prompt", "chosen", "rejected"}}: step-level preference pairs of sibling steps. */
    DPO("dpo.jsonl") {
        @Override
        List<ObjectNode> records(String id, SearchTree tree, Task task, TrainingTargets targets) {
            List<ObjectNode> records = new ArrayList<>();
            for (PreferencePair pair : targets.preferencePairs()) {
                ObjectNode record = Json.object();
                record.put("id", id);
                record.put("prompt", pair.prompt());
                record.put("chosen", pair.chosen());
                record.put("rejected", pair.rejected());
                Json.putNumber(record, "chosenValue", pair.chosenValue());
                Json.putNumber(record, "rejectedValue", pair.rejectedValue());
                records.add(record);
            }
            return records;
        }
    };

    final String fileName;

    ExportFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The records of one problem's tree. */
    abstract List<ObjectNode> records(String id, SearchTree tree, Task task, TrainingTargets targets);
}
