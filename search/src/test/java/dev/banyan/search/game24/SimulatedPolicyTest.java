package dev.banyan.search.game24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import dev.banyan.search.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class SimulatedPolicyTest {
    private final Game24Task task = new Game24Task();

    @Test
    void withoutSlipsProposesOnlyLegalStepsAndHonestAnswers() {
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(0.5).slipRate(0).build();
        SplittableRandom walk = new SplittableRandom(1);
        for (Puzzle puzzle : Game24Puzzles.range(1, 300)) {
            ReasoningPath path = ReasoningPath.of(puzzle.question());
            List<Fraction> left = task.numbersLeft(path);
            while (left.size() > 1) {
                List<StepProposal> proposals = propose(policy, path, 6, walk.nextLong());
                assertThat(proposals).hasSize(6);
                for (StepProposal proposal : proposals) {
                    List<Fraction> after = RightStep.after(left, proposal.text());
                    assertThat(after).as("%s after %s", proposal.text(), path).isNotNull();
                    assertThat(after).allSatisfy(n -> assertThat(n.signum()).isNotNegative());
                }
                path = path.extend(proposals.get(walk.nextInt(proposals.size())).text());
                left = task.numbersLeft(path);
            }
            String answer = propose(policy, path, 1, 0).get(0).text();
            Expression expression = Expression.parse(AnswerLine.expressionOf(AnswerLine.answerOf(answer).orElseThrow()));
            assertThat(Game24Verifier.sameMultiset(expression.leaves(), puzzle.fractions())).isTrue();
            assertThat(answer).endsWith(" = " + expression.value());
            Verdict verdict = task.verifier().verify(path.extend(answer), null);
            assertThat(verdict).isEqualTo(left.get(0).equals(Fraction.of(24)) ? Verdict.CORRECT : Verdict.WRONG);
        }
    }

    @Test
    void fullLeanTakesOnlySolvableStepsAndSolvesEveryPuzzle() {
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(1).slipRate(0).build();
        Game24Solver solver = new Game24Solver();
        for (Puzzle puzzle : Game24Puzzles.all()) {
            ReasoningPath path = ReasoningPath.of(puzzle.question());
            while (!task.isTerminal(path)) {
                List<StepProposal> proposals = propose(policy, path, 4, puzzle.rank());
                for (StepProposal proposal : proposals.subList(0, proposals.size() - 1)) {
                    if (!AnswerLine.isAnswer(proposal.text())) {
                        assertThat(solver.solvable(Step.parse(proposal.text()).remaining())).as(proposal.text()).isTrue();
                    }
                }
                path = path.extend(proposals.get(proposals.size() - 1).text());
            }
            assertThat(task.verifier().verify(path, null)).as(path.toString()).isEqualTo(Verdict.CORRECT);
        }
    }

    @Test
    void fullLeanStillProposesLegalStepsWhenNoneIsSolvable() {
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(1).slipRate(0).build();
        ReasoningPath path = ReasoningPath.of("1 1 1 1");
        List<Fraction> left = task.numbersLeft(path);
        for (StepProposal proposal : propose(policy, path, 20, 3)) {
            assertThat(RightStep.after(left, proposal.text())).isNotNull();
        }
    }

    @Test
    void theSameRequestGetsTheSameProposals() {
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(0.3).slipRate(0.2).build();
        ReasoningPath path = ReasoningPath.of("4 9 10 13", List.of("13 - 9 = 4 (left: 4 4 10)"));
        List<StepProposal> first = propose(policy, path, 16, 42);
        assertThat(propose(policy, path, 16, 42)).isEqualTo(first);
        assertThat(propose(SimulatedPolicy.builder().solvableLean(0.3).slipRate(0.2).build(), path, 16, 42)).isEqualTo(first);
        assertThat(propose(policy, path, 16, 43)).isNotEqualTo(first);
        assertThat(first.stream().map(StepProposal::text).distinct().count()).isGreaterThan(1);
    }

    @Test
    void greedyRepeatsOneChoiceThatDependsOnlyOnThePath() {
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(0.5).slipRate(0.1).build();
        Set<String> choices = new HashSet<>();
        for (Puzzle puzzle : Game24Puzzles.range(1, 50)) {
            ReasoningPath path = ReasoningPath.of(puzzle.question());
            List<StepProposal> greedy = greedy(policy, path, 5, 1);
            assertThat(greedy).hasSize(5).containsOnly(greedy.get(0));
            assertThat(greedy(policy, path, 3, 999)).containsOnly(greedy.get(0));
            choices.add(greedy.get(0).text());
        }
        assertThat(choices).hasSizeGreaterThan(40);
    }

    @Test
    void slipsAtRoughlyTheSlipRateAndKeepTheirNumbersLeftConsistent() {
        double slipRate = 0.3;
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(0.5).slipRate(slipRate).build();
        int draws = 0;
        int slips = 0;
        for (Puzzle puzzle : Game24Puzzles.all()) {
            ReasoningPath path = ReasoningPath.of(puzzle.question());
            List<Fraction> left = task.numbersLeft(path);
            for (StepProposal proposal : propose(policy, path, 6, puzzle.rank())) {
                draws++;
                Step step = Step.parse(proposal.text());
                assertThat(RightStep.afterWritten(left, proposal.text())).as(proposal.text()).isNotNull();
                assertThat(step.result().signum()).isNotNegative();
                if (!step.isArithmeticRight()) {
                    slips++;
                }
            }
        }
        // 8,172 draws: the standard error is 0.005, so 0.03 is a loose bound.
        assertThat((double) slips / draws).isCloseTo(slipRate, offset(0.03));
    }

    @Test
    void logProbIsTheProbabilityOfDrawingTheText() {
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(0.6).slipRate(0).build();
        ReasoningPath path = ReasoningPath.of("4 9 10 13");
        int draws = 40_000;
        List<StepProposal> proposals = propose(policy, path, draws, 5);
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Double> probabilities = new HashMap<>();
        for (StepProposal proposal : proposals) {
            counts.merge(proposal.text(), 1, Integer::sum);
            probabilities.put(proposal.text(), Math.exp(proposal.logProb()));
        }
        assertThat(counts.keySet()).isEqualTo(allLegalStepTexts(task.numbersLeft(path)));
        assertThat(probabilities.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, offset(1e-9));
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            double frequency = (double) entry.getValue() / draws;
            assertThat(frequency).as(entry.getKey()).isCloseTo(probabilities.get(entry.getKey()), offset(0.01));
        }
        Set<Double> levels = new HashSet<>(probabilities.values());
        assertThat(levels).as("solvable steps are likelier than the others").hasSize(2);
    }

    @Test
    void aSlipsLogProbCountsTheSlip() {
        SimulatedPolicy policy = SimulatedPolicy.builder().solvableLean(0).slipRate(0.5).build();
        ReasoningPath path = ReasoningPath.of("2 3");
        // Legal steps: 3 + 2, 3 - 2, 3 * 2, 3 / 2, 2 / 3; each drawn with 1/5.
        for (StepProposal proposal : propose(policy, path, 200, 8)) {
            Step step = Step.parse(proposal.text());
            double probability = Math.exp(proposal.logProb());
            if (step.isArithmeticRight()) {
                assertThat(probability).isCloseTo(0.2 * 0.5, offset(1e-12));
            } else {
                int wrongChoices = SimulatedPolicy.wrongResults(Step.computed(step.first(), step.operator(), step.second(), List.of())).size();
                assertThat(probability).isCloseTo(0.2 * 0.5 / wrongChoices, offset(1e-12));
            }
        }
        assertThat(SimulatedPolicy.wrongResults(Step.parse("3 - 2 = 1 (left: 1)")))
                .containsExactlyInAnyOrder(Fraction.of(2), Fraction.ZERO, Fraction.of(5), Fraction.of(6), Fraction.of(3, 2));
    }

    @Test
    void answersWithTheRebuiltExpressionAndItsRealValue() {
        SimulatedPolicy policy = SimulatedPolicy.builder().build();
        ReasoningPath honest = ReasoningPath.of("1 2 3 4",
                List.of("2 + 1 = 3 (left: 3 3 4)", "3 * 3 = 9 (left: 4 9)", "9 + 4 = 13 (left: 13)"));
        assertThat(propose(policy, honest, 2, 0)).extracting(StepProposal::text)
                .containsOnly("Answer: 3 * (2 + 1) + 4 = 13");
        assertThat(propose(policy, honest, 1, 0).get(0).logProb()).isZero();

        ReasoningPath slipped = ReasoningPath.of("1 2 3 4",
                List.of("2 + 1 = 4 (left: 3 4 4)", "4 * 3 = 12 (left: 4 12)", "12 + 4 = 16 (left: 16)"));
        String answer = propose(policy, slipped, 1, 0).get(0).text();
        assertThat(answer).isEqualTo("Answer: 4 * 3 + 2 + 1 = 15");
        assertThat(task.verifier().verify(slipped.extend(answer), null)).isEqualTo(Verdict.WRONG);

        ReasoningPath hiddenDivisionByZero = ReasoningPath.of("2 3 3 5",
                List.of("3 - 3 = 1 (left: 1 2 5)", "2 / 1 = 2 (left: 2 5)", "5 + 2 = 7 (left: 7)"));
        String undefined = propose(policy, hiddenDivisionByZero, 1, 0).get(0).text();
        assertThat(undefined).isEqualTo("Answer: 5 + 2 / (3 - 3) = 7");
        assertThat(task.verifier().verify(hiddenDivisionByZero.extend(undefined), null)).isEqualTo(Verdict.WRONG);

        ReasoningPath solved = ReasoningPath.of("4 9 10 13",
                List.of("13 - 9 = 4 (left: 4 4 10)", "10 - 4 = 6 (left: 4 6)", "6 * 4 = 24 (left: 24)"));
        String right = propose(policy, solved, 1, 0).get(0).text();
        assertThat(right).isEqualTo("Answer: (10 - 4) * (13 - 9) = 24");
    }

    @Test
    void countsOneTokenPerCharacterAndCutsAtMaxTokens() {
        SimulatedPolicy policy = SimulatedPolicy.builder().build();
        ReasoningPath path = ReasoningPath.of("4 9 10 13");
        for (StepProposal proposal : propose(policy, path, 10, 1)) {
            assertThat(proposal.tokenCount()).isEqualTo(proposal.text().length() + 1);
        }
        StepRequest shortRequest = new StepRequest(path, task.render(path), task.stopStrings(), 3, false, 1, 6);
        for (StepProposal proposal : policy.propose(shortRequest).join()) {
            assertThat(proposal.text()).hasSize(6);
            assertThat(proposal.tokenCount()).isEqualTo(6);
        }
    }

    @Test
    void failsForAFinishedPath() {
        SimulatedPolicy policy = SimulatedPolicy.builder().build();
        ReasoningPath finished = ReasoningPath.of("4 9 10 13", List.of("Answer: (13 - 9) * (10 - 4) = 24"));
        assertFailsWith(policy.propose(request(finished, 1, 0, false)), "the path is finished");
    }

    /** A real model cannot continue from garbage either: the search sees a dead end, not a crash. */
    @Test
    void proposesNothingAfterAMalformedOrImpossibleStep() {
        SimulatedPolicy policy = SimulatedPolicy.builder().build();
        ReasoningPath malformed = ReasoningPath.of("4 9 10 13", List.of("13 - 9 = 4 left 4 4 10"));
        assertThat(policy.propose(request(malformed, 3, 0, false)).join()).isEmpty();
        ReasoningPath cut = ReasoningPath.of("4 9 10 13", List.of("13 - 9"));
        assertThat(policy.propose(request(cut, 3, 0, false)).join()).isEmpty();
        ReasoningPath missing = ReasoningPath.of("4 9 10 13", List.of("12 - 9 = 3 (left: 3 4 10)"));
        assertThat(policy.propose(request(missing, 1, 0, false)).join()).isEmpty();
    }

    @Test
    void settingsOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> SimulatedPolicy.builder().solvableLean(1.5)).hasMessage("solvableLean must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> SimulatedPolicy.builder().slipRate(-0.1)).hasMessage("slipRate must be in [0, 1], was -0.1");
        assertThatThrownBy(() -> SimulatedPolicy.builder().slipRate(Double.NaN)).hasMessageContaining("slipRate must be in [0, 1]");
    }

    /** Every legal step computed here from scratch: each pair, the four operations, no negative result. */
    private static Set<String> allLegalStepTexts(List<Fraction> numbers) {
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < numbers.size(); i++) {
            for (int j = 0; j < numbers.size(); j++) {
                if (i == j) {
                    continue;
                }
                List<Fraction> others = new ArrayList<>(numbers);
                others.remove(Math.max(i, j));
                others.remove(Math.min(i, j));
                Fraction a = numbers.get(i);
                Fraction b = numbers.get(j);
                for (Operator op : Operator.values()) {
                    boolean writtenThisWay = (op == Operator.DIVIDE) || a.compareTo(b) >= 0;
                    if (!writtenThisWay || op == Operator.DIVIDE && b.isZero() || op.apply(a, b).signum() < 0) {
                        continue;
                    }
                    texts.add(Step.computed(a, op, b, others).format());
                }
            }
        }
        return texts;
    }

    private List<StepProposal> propose(SimulatedPolicy policy, ReasoningPath path, int count, long seed) {
        return policy.propose(request(path, count, seed, false)).join();
    }

    private List<StepProposal> greedy(SimulatedPolicy policy, ReasoningPath path, int count, long seed) {
        return policy.propose(request(path, count, seed, true)).join();
    }

    private StepRequest request(ReasoningPath path, int count, long seed, boolean greedy) {
        return new StepRequest(path, task.render(path), task.stopStrings(), count, greedy, seed, 64);
    }

    private static void assertFailsWith(CompletableFuture<?> future, String message) {
        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
