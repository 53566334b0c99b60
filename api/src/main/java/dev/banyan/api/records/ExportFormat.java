package dev.banyan.api.records;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.SearchTree;
import dev.banyan.search.Task;
import dev.banyan.search.TreeNode;
import dev.banyan.search.targets.TrainingTargets;
import dev.banyan.search.targets.ValueTarget;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The training files drawn from a searched tree, each with its file name and its records. */
public enum ExportFormat {
    /** One {@link ExportRecord.Sft} per distinct correct trace. */
    SFT("sft.jsonl") {
        @Override
        public List<ExportRecord> records(String id, SearchTree tree, Task task, TrainingTargets targets) {
            return targets.sft().stream()
                    .<ExportRecord>map(sample -> new ExportRecord.Sft(id, sample.prompt(), sample.completion()))
                    .toList();
        }
    },

    /**
     * One {@link ExportRecord.Prm} per distinct root-to-leaf path, with {@code labels[i] = (r = +1)}: a correct
     * answer lies at or below step i. (A wrong step can keep a value above 0 when far from the answer, so
     * {@code value > 0} would be a weaker label.) Trees without a correct leaf have no targets and give no records.
     */
    PRM("prm.jsonl") {
        @Override
        public List<ExportRecord> records(String id, SearchTree tree, Task task, TrainingTargets targets) {
            Map<Integer, ValueTarget> byNode = new HashMap<>();
            targets.valueTargets().forEach(target -> byNode.put(target.nodeId(), target));
            String prompt = task.render(ReasoningPath.of(tree.root().path().question()));
            Set<List<String>> seen = new HashSet<>();
            List<ExportRecord> records = new ArrayList<>();
            for (TreeNode leaf : tree.nodes()) {
                if (!leaf.children().isEmpty() || leaf.parent() == null) {
                    continue;
                }
                List<ValueTarget> path = targetsFromRoot(leaf, byNode);
                List<String> steps = path.stream().map(target -> target.path().newestStep()).toList();
                if (path.isEmpty() || !seen.add(steps)) {
                    continue;
                }
                records.add(new ExportRecord.Prm(id, prompt, steps,
                        path.stream().map(target -> target.r() > 0).toList(),
                        path.stream().map(target -> JsonRecords.finite(target.value())).toList()));
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

    /** One {@link ExportRecord.Dpo} per step-level preference pair of sibling steps. */
    DPO("dpo.jsonl") {
        @Override
        public List<ExportRecord> records(String id, SearchTree tree, Task task, TrainingTargets targets) {
            return targets.preferencePairs().stream()
                    .<ExportRecord>map(pair -> new ExportRecord.Dpo(id, pair.prompt(), pair.chosen(), pair.rejected(),
                            JsonRecords.finite(pair.chosenValue()), JsonRecords.finite(pair.rejectedValue())))
                    .toList();
        }
    };

    private final String fileName;

    ExportFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The file's name in an export directory, e.g. {@code sft.jsonl}. */
    public String fileName() {
        return fileName;
    }

    /** The lower-case name, as the command line spells it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The records of one problem's tree. */
    public abstract List<ExportRecord> records(String id, SearchTree tree, Task task, TrainingTargets targets);
}
