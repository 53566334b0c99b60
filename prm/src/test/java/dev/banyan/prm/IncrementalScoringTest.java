package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scoring a new step from its parent's cached keys and values against recomputing the whole text, on random trees.
 * Tolerance 1e-5 on scores: the two differ only by float32 rounding of differently shaped matmuls (about 1e-7).
 */
class IncrementalScoringTest {
    private static final double TOLERANCE = 1e-5;
    private static final String PROMPT = "Input: 4 9 10 13\nSteps:\n";
    /** BOS, then one token per character (the fixtures' tokenizer). */
    private static final int PROMPT_TOKENS = 1 + PROMPT.length();
    private static final String ALPHABET = "0123456789 +-*/=()abcdefxyz:";

    @Test
    void aChildRunsOnlyItsOwnStepAndSuffix() {
        try (PrmEngine prm = Fixtures.engine(Fixtures.STEP_TAG)) {
            assertThat(prm.incremental()).isTrue();
            String suffix = prm.config().stepSuffix();
            List<String> steps = Fixtures.SOLUTION;
            StepScore first = score(prm, Fixtures.path(steps, 1));
            assertThat(first.tokensProcessed()).as("the prompt, once, then the first step")
                    .isEqualTo(PROMPT_TOKENS + steps.get(0).length() + suffix.length());
            for (int depth = 2; depth <= steps.size(); depth++) {
                StepScore child = score(prm, Fixtures.path(steps, depth));
                assertThat(child.tokensProcessed()).as("step %d", depth)
                        .isEqualTo(steps.get(depth - 1).length() + suffix.length());
            }
            PrmStats stats = prm.stats();
            assertThat(stats.tokensPerStepToken()).as("the prompt is the only extra").isGreaterThan(1);
            assertThat(stats.tokensProcessed()).isEqualTo(stats.stepTokens() + PROMPT_TOKENS);
        }
    }

    @Test
    void siblingsAskingTogetherRunTheirParentsTextOnce() {
        try (PrmEngine prm = Fixtures.engine(Fixtures.STEP_TAG)) {
            List<String> steps = List.of("4 + 9 = 13 (left: 10 13 13)", "13 - 10 = 3 (left: 3 4 9)", "9 * 4 = 36 (left: 10 13 36)");
            List<ReasoningPath> siblings = steps.stream().map(step -> ReasoningPath.of(Fixtures.QUESTION, List.of(step))).toList();
            List<StepScore> scores = Fixtures.drive(prm, prm.score(siblings));
            int suffix = prm.config().stepSuffix().length();
            assertThat(scores.get(0).tokensProcessed()).as("the first sibling pays for the prompt")
                    .isEqualTo(PROMPT_TOKENS + steps.get(0).length() + suffix);
            for (int i = 1; i < steps.size(); i++) {
                assertThat(scores.get(i).tokensProcessed()).isEqualTo(steps.get(i).length() + suffix);
            }
            assertThat(scores.stream().mapToLong(StepScore::tokensProcessed).sum())
                    .as("tokens charged to requests are the tokens run").isEqualTo(prm.stats().tokensProcessed());
        }
    }

    @ParameterizedTest(name = "{0}, KV budget {1} bytes, {2} tokens a pass")
    @CsvSource({"prm-step-tag, 100000000, 1024", "prm-step-tag, 40000, 1024", "prm-step-tag, 100000000, 7",
            "prm-token-cls, 100000000, 1024", "prm-value, 100000000, 16"})
    void incrementalScoresEqualFullRecomputationOverARandomTree(String fixture, long kvBytes, int passTokens) {
        List<List<ReasoningPath>> levels = randomTree(new Random(fixture.hashCode() + kvBytes + passTokens), 4, 3);
        try (PrmEngine incremental = Fixtures.builder(fixture).kvCacheBytes(kvBytes).maxBatchTokens(passTokens).build();
             PrmEngine full = Fixtures.builder(fixture).incremental(false).build()) {
            long stepTokens = 0;
            for (List<ReasoningPath> level : levels) {
                List<StepScore> fast = Fixtures.drive(incremental, incremental.score(level));
                List<StepScore> slow = Fixtures.drive(full, full.score(level));
                for (int i = 0; i < level.size(); i++) {
                    assertThat(fast.get(i).value()).as("%s", level.get(i)).isCloseTo(slow.get(i).value(), within(TOLERANCE));
                    assertThat(fast.get(i).tokensProcessed()).isLessThanOrEqualTo(slow.get(i).tokensProcessed());
                    stepTokens += level.get(i).newestStep().length() + suffixTokens(incremental.config());
                }
            }
            assertThat(full.stats().stepTokens()).isEqualTo(stepTokens);
            assertThat(full.stats().tokensPerStepToken()).as("full recomputation").isGreaterThan(2);
            if (kvBytes >= 100_000_000) {
                assertThat(incremental.stats().tokensProcessed()).as("only the prompt beyond the steps")
                        .isEqualTo(stepTokens + PROMPT_TOKENS);
            } else {
                assertThat(incremental.stats().tokensProcessed()).as("evictions cost recomputation")
                        .isBetween(stepTokens + PROMPT_TOKENS + 1, full.stats().tokensProcessed());
            }
        }
    }

    @Test
    void theFullSequenceGraphScoresAsItsKvTwin() {
        List<List<ReasoningPath>> levels = randomTree(new Random(3), 3, 3);
        try (PrmEngine withKv = Fixtures.engine(Fixtures.TOKEN_CLS);
             PrmEngine withoutKv = Fixtures.engine(Fixtures.TOKEN_CLS_NO_KV)) {
            assertThat(withoutKv.incremental()).as("a graph without past_key_values").isFalse();
            for (List<ReasoningPath> level : levels) {
                List<StepScore> expected = Fixtures.drive(withKv, withKv.score(level));
                List<StepScore> actual = Fixtures.drive(withoutKv, withoutKv.score(level));
                for (int i = 0; i < level.size(); i++) {
                    assertThat(actual.get(i).value()).isCloseTo(expected.get(i).value(), within(TOLERANCE));
                }
            }
            assertThat(withoutKv.stats().tokensProcessed()).isGreaterThan(withKv.stats().tokensProcessed());
        }
    }

    /** The step suffix's tokens: one per character, but the tag (a longer special token, maybe) is one. */
    private static int suffixTokens(PrmConfig config) {
        String suffix = config.stepSuffix();
        return config.tag() == null ? suffix.length() : suffix.length() - config.tag().length() + 1;
    }

    private static StepScore score(PrmEngine prm, ReasoningPath path) {
        return Fixtures.drive(prm, prm.score(List.of(path))).get(0);
    }

    /** Levels of a random tree under the fixtures' question: {@code branching} children per node, {@code depth} deep. */
    static List<List<ReasoningPath>> randomTree(Random random, int depth, int branching) {
        List<List<ReasoningPath>> levels = new ArrayList<>();
        List<ReasoningPath> frontier = List.of(ReasoningPath.of(Fixtures.QUESTION));
        for (int level = 0; level < depth; level++) {
            List<ReasoningPath> next = new ArrayList<>();
            for (ReasoningPath parent : frontier) {
                for (int child = 0; child < branching; child++) {
                    StringBuilder step = new StringBuilder();
                    int length = 1 + random.nextInt(20);
                    for (int i = 0; i < length; i++) {
                        step.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                    next.add(parent.extend(step.toString()));
                }
            }
            levels.add(next);
            frontier = next;
        }
        return levels;
    }
}
