package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.SearchResult;
import dev.banyan.search.Searcher;
import dev.banyan.search.TreeNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MctsStarTerminalValueTest {
    /** The PRM likes the wrong answer line; the policy proposes the right one with far more confidence. */
    private static ScriptedWorld world() {
        return new ScriptedWorld(List.of(
                List.of(new ScriptedWorld.Step("a", 0.8), new ScriptedWorld.Step("= wrong", 0.95, -3.0)),
                List.of(new ScriptedWorld.Step("b", 0.8), new ScriptedWorld.Step("= right", 0.5, -0.1))));
    }

    private static SearchResult search(boolean answerLikelihood) {
        AlgorithmSpec.MctsStar spec = new AlgorithmSpec.MctsStar(0.4, 0.9, 2, 0, 3, 0.5, 0.99,
                AlgorithmSpec.AnswerMode.BEST_VALUE, 0.1, 12, true, answerLikelihood);
        ScriptedWorld world = world();
        try (Searcher searcher = Searcher.builder().task(world.task()).policy(world.policy())
                .stepScorer(world.scorer()).algorithm(spec)
                .budget(new Budget(Long.MAX_VALUE, 20, Duration.ofSeconds(30))).threads(1).build()) {
            return searcher.search("q", "right");
        }
    }

    private static double valueOf(SearchResult result, String step) {
        return result.tree().nodes().stream().filter(n -> n.step().equals(step)).mapToDouble(TreeNode::value)
                .findFirst().orElseThrow();
    }

    @Test
    void theAnswerLinesPrmScoreJudgesItByDefault() {
        SearchResult result = search(false);
        assertThat(valueOf(result, "= wrong")).isCloseTo(0.8 * 0.95, within(1e-12));
        assertThat(valueOf(result, "= right")).isCloseTo(0.8 * 0.5, within(1e-12));
        assertThat(result.answer()).contains("wrong");
    }

    @Test
    void withAnswerLikelihoodThePolicysProbabilityJudgesIt() {
        SearchResult result = search(true);
        assertThat(valueOf(result, "= wrong")).isCloseTo(0.8 * Math.exp(-3.0), within(1e-12));
        assertThat(valueOf(result, "= right")).isCloseTo(0.8 * Math.exp(-0.1), within(1e-12));
        assertThat(result.answer()).contains("right");
    }
}
