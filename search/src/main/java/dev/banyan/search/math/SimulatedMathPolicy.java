package dev.banyan.search.math;

import dev.banyan.search.Policy;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A stand-in policy for math word problems that speaks real text: its next step at depth {@code d} is step
 * {@code d} of one of the question's real solutions (the reference solution and the model solutions of a
 * {@link SolutionBank}, right and wrong ones), aligned by step index. Each proposal draws a solution at random,
 * the reference weighted by {@code truthWeight} against 1 for each model solution; a greedy request follows
 * one model solution chosen by the question, so greedy is right as often as those models are. When no
 * solution is that long, the step is the final line of a drawn solution, so every path ends.
 *
 * <p>A step's tokens are its characters / 4, rounded up, plus one for the delimiter; its log-probability is
 * the log of the drawn weight share of the solutions that give that exact step. Seeded by the request;
 * futures already complete; thread-safe.
 */
final class SimulatedMathPolicy implements Policy {
    /** Keeps the log-probability finite when the drawn solution has weight 0. */
    private static final double MIN_SHARE = 1e-9;

    private final SolutionBank bank;
    private final double truthWeight;

    SimulatedMathPolicy(SolutionBank bank, double truthWeight) {
        this.bank = bank;
        this.truthWeight = truthWeight;
    }

    @Override
    public CompletableFuture<List<StepProposal>> propose(StepRequest request) {
        try {
            SolutionBank.Solutions solutions = bank.of(request.path().question());
            int depth = request.path().depth();
            List<StepProposal> proposals = new ArrayList<>(request.count());
            SplittableRandom random = new SplittableRandom(request.seed());
            for (int i = 0; i < request.count(); i++) {
                List<String> source = request.greedy() ? greedySource(request.path().question(), solutions)
                        : draw(solutions, random);
                proposals.add(proposal(stepAt(source, depth), solutions, depth, request.maxTokens()));
            }
            return CompletableFuture.completedFuture(proposals);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static List<String> greedySource(String question, SolutionBank.Solutions solutions) {
        List<List<String>> models = solutions.models();
        return models.isEmpty() ? solutions.groundTruth() : models.get(Math.floorMod(question.hashCode(), models.size()));
    }

    private List<String> draw(SolutionBank.Solutions solutions, SplittableRandom random) {
        double total = truthWeight + solutions.models().size();
        double at = random.nextDouble() * total;
        if (at < truthWeight || solutions.models().isEmpty()) {
            return solutions.groundTruth();
        }
        int index = (int) (at - truthWeight);
        return solutions.models().get(Math.min(index, solutions.models().size() - 1));
    }

    private static String stepAt(List<String> solution, int depth) {
        return solution.get(Math.min(depth, solution.size() - 1));
    }

    private StepProposal proposal(String step, SolutionBank.Solutions solutions, int depth, int maxTokens) {
        double agreeing = stepAt(solutions.groundTruth(), depth).equals(step) ? truthWeight : 0;
        for (List<String> model : solutions.models()) {
            agreeing += stepAt(model, depth).equals(step) ? 1 : 0;
        }
        double share = agreeing / (truthWeight + solutions.models().size());
        int tokens = (step.length() + 3) / 4 + 1;
        if (tokens > maxTokens) {
            return new StepProposal(step.substring(0, Math.min(step.length(), 4 * maxTokens)), maxTokens, Math.log(Math.max(share, MIN_SHARE)));
        }
        return new StepProposal(step, tokens, Math.log(Math.max(share, MIN_SHARE)));
    }
}
