package dev.banyan.search.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.banyan.search.ReasoningPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class SftTracesTest {
    private final EqualsTask task = new EqualsTask();

    @Test
    void eachDistinctCorrectTraceGivesOneSampleWithTheTasksText() {
        HandTree tree = new HandTree("what is 3 + 4?");
        HandTree.Node first = tree.add(tree.root(), "3 + 4");
        HandTree.Node again = tree.add(tree.root(), "3 + 4");
        tree.add(first, "= 7");
        tree.add(again, "= 7");                        // the same words as the trace above
        tree.add(again, "= 5");                        // wrong
        tree.add(tree.root(), "= 7");                  // correct in one step
        tree.add(tree.add(tree.root(), "guess"), "= ?"); // UNKNOWN is not correct

        List<SftSample> samples = TrainingTargets.extract(tree, task, "7").sft();

        String prompt = "Q: what is 3 + 4?\n";
        assertThat(samples).containsExactly(
                new SftSample(prompt, "3 + 4\n= 7\n", List.of("3 + 4", "= 7")),
                new SftSample(prompt, "= 7\n", List.of("= 7")));
    }

    @Test
    void theCompletionIsTheFullRenderingMinusThePrompt() {
        EveryRuleTree t = new EveryRuleTree();

        List<SftSample> samples = TrainingTargets.extract(t.tree, task, EveryRuleTree.TRUTH).sft();

        assertThat(samples).extracting(SftSample::steps).containsExactly(
                t.a1.path().steps(), t.a21.path().steps(), t.b11.path().steps());
        for (SftSample sample : samples) {
            String full = task.render(ReasoningPath.of(EveryRuleTree.QUESTION, sample.steps()));
            assertThat(sample.prompt() + sample.completion()).isEqualTo(full);
            assertThat(sample.completion()).endsWith(task.stepDelimiter());
        }
    }

    @Test
    void withoutAGroundTruthNothingIsCorrect() {
        EveryRuleTree t = new EveryRuleTree();

        assertThat(TrainingTargets.extract(t.tree, task, null).sft()).isEmpty();
    }

    @Test
    void aRenderingThatDoesNotStartWithThePromptIsRejected() {
        EveryRuleTree t = new EveryRuleTree();
        EqualsTask stepsOnly = new EqualsTask() {
            @Override
            public String render(ReasoningPath path) {
                return String.join("\n", path.steps()) + "\nQ: " + path.question();
            }
        };

        assertThatThrownBy(() -> TrainingTargets.extract(t.tree, stepsOnly, EveryRuleTree.TRUTH))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("task equals")
                .hasMessageContaining("node " + t.a1.id())
                .hasMessageContaining("prefix-stable");
    }
}
