package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import dev.banyan.search.StepScore;
import dev.banyan.search.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedPrmTest {
    private final Game24Task task = new Game24Task();
    private final SimulatedPrm exact = SimulatedPrm.exact();

    @Test
    void exactScoresMatchTheBruteForceOracle() {
        List<ReasoningPath> paths = sampledPaths(300, 0.5, 0.25);
        int ones = 0;
        for (ReasoningPath path : paths) {
            double expected = oracleScore(path);
            assertThat(exact.exactScore(path)).as(path.toString()).isEqualTo(expected);
            ones += expected == 1 ? 1 : 0;
        }
        assertThat(paths).hasSizeGreaterThan(2000);
        assertThat(ones).isBetween(paths.size() / 10, paths.size() * 9 / 10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "13 - 9 = 4 (left: 4 4 10)                                               | 1",
            "13 + 9 = 22 (left: 4 10 22)                                             | 0",
            "13 - 9 = 5 (left: 4 5 10)                                               | 0",
            "13 - 9 = 4 (left: 4 10)                                                 | 0",
            "13 - 9 = 4 (left: 4 4 4 10)                                             | 0",
            "12 - 8 = 4 (left: 4 4 10)                                               | 0",
            "13 - 9 = 4 (left 4 4 10)                                                | 0",
            "13 - 9 = 4 (left: 4 4 10);10 - 4 = 6 (left: 4 6);4 * 6 = 24 (left: 24)  | 1",
            "13 - 9 = 5 (left: 4 5 10);10 - 4 = 6 (left: 5 6)                        | 0",
            "13 - 9 = 5 (left: 4 5 10);Answer: (13 - 9) * (10 - 4) = 24              | 1",
            "Answer: (13 - 9) * (10 - 4) = 24                                        | 1",
            "Answer: (13 - 9) + (10 - 4) = 24                                        | 0",
            "Answer: (13 - 9) * (10 - 4) = 24;4 * 6 = 24 (left: 24)                  | 0",
    })
    void scoresHandWrittenPaths(String steps, double expected) {
        ReasoningPath path = ReasoningPath.of("4 9 10 13", List.of(steps.split(";")));
        assertThat(exact.score(List.of(path)).join()).singleElement().extracting(StepScore::value).isEqualTo(expected);
    }

    @Test
    void scoresABatchInOrderAndCountsTheNewestStepsCharacters() {
        List<ReasoningPath> paths = List.of(
                ReasoningPath.of("4 9 10 13", List.of("13 - 9 = 4 (left: 4 4 10)")),
                ReasoningPath.of("4 9 10 13", List.of("13 + 9 = 22 (left: 4 10 22)")),
                ReasoningPath.of("1 1 4 6", List.of("Answer: 1 * 1 * 4 * 6 = 24")));
        List<StepScore> scores = exact.score(paths).join();
        assertThat(scores).extracting(StepScore::value).containsExactly(1.0, 0.0, 1.0);
        assertThat(scores).extracting(StepScore::tokensProcessed).containsExactly(26, 28, 27);
    }

    @Test
    void noiseStaysInRangeAndIsDeterministic() {
        List<ReasoningPath> paths = sampledPaths(200, 0.5, 0.2);
        SimulatedPrm noisy = SimulatedPrm.builder().noise(0.4).seed(7).build();
        List<StepScore> scores = noisy.score(paths).join();
        assertThat(noisy.score(paths).join()).isEqualTo(scores);
        assertThat(SimulatedPrm.builder().noise(0.4).seed(7).build().score(paths).join()).isEqualTo(scores);
        assertThat(SimulatedPrm.builder().noise(0.4).seed(8).build().score(paths).join()).isNotEqualTo(scores);
        int replaced = 0;
        for (int i = 0; i < paths.size(); i++) {
            double value = scores.get(i).value();
            assertThat(value).isBetween(0.0, 1.0);
            replaced += value != exact.exactScore(paths.get(i)) ? 1 : 0;
        }
        // About 40% of the scores are uniform draws; the count is binomial with a standard error near 1%.
        assertThat((double) replaced / paths.size()).isCloseTo(0.4, offset(0.05));
    }

    @Test
    void fullNoiseIsUninformative() {
        List<ReasoningPath> paths = sampledPaths(200, 0.5, 0.2);
        List<StepScore> scores = SimulatedPrm.builder().noise(1).build().score(paths).join();
        double sumRight = 0;
        double sumWrong = 0;
        int right = 0;
        for (int i = 0; i < paths.size(); i++) {
            if (exact.exactScore(paths.get(i)) == 1) {
                sumRight += scores.get(i).value();
                right++;
            } else {
                sumWrong += scores.get(i).value();
            }
        }
        assertThat(sumRight / right).isCloseTo(0.5, offset(0.05));
        assertThat(sumWrong / (paths.size() - right)).isCloseTo(0.5, offset(0.05));
    }

    @Test
    void failsForAPathWithoutSteps() {
        CompletableFuture<List<StepScore>> future = exact.score(List.of(ReasoningPath.of("4 9 10 13")));
        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).hasMessageContaining("no steps");
        assertThatThrownBy(() -> SimulatedPrm.builder().noise(2)).hasMessage("noise must be in [0, 1], was 2.0");
    }

    /** Every prefix of random walks by the simulated policy, from the first {@code puzzles} puzzles. */
    private List<ReasoningPath> sampledPaths(int puzzles, double lean, double slipRate) {
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(lean).slipRate(slipRate).build();
        SplittableRandom random = new SplittableRandom(17);
        List<ReasoningPath> paths = new ArrayList<>();
        for (Puzzle puzzle : Game24Puzzles.range(1, puzzles)) {
            for (int walk = 0; walk < 3; walk++) {
                ReasoningPath path = ReasoningPath.of(puzzle.question());
                while (!task.isTerminal(path)) {
                    StepRequest request = new StepRequest(path, task.render(path), task.stopStrings(), 1, false,
                            random.nextLong(), 64);
                    StepProposal proposal = policy.propose(request).join().get(0);
                    path = path.extend(proposal.text());
                    paths.add(path);
                }
            }
        }
        return paths;
    }

    /** The exact score worked out independently: every step right, then the brute-force oracle or the verifier. */
    private double oracleScore(ReasoningPath path) {
        if (AnswerLine.isAnswer(path.newestStep())) {
            return task.verifier().verify(path, null) == Verdict.CORRECT ? 1 : 0;
        }
        List<Fraction> left = Game24Task.inputNumbers(path.question());
        for (String step : path.steps()) {
            left = RightStep.after(left, step);
            if (left == null) {
                return 0;
            }
        }
        return BruteForce.solvable(left) ? 1 : 0;
    }
}
