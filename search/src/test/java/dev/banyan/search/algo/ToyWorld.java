package dev.banyan.search.algo;

import dev.banyan.search.OutcomeVerifier;
import dev.banyan.search.Policy;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import dev.banyan.search.StepScore;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small world for testing the tree without the Game-of-24 machinery: the question is a target number, each
 * step adds a digit ({@code +d}), and after {@code depth} steps the path ends with {@code = sum}; it is correct
 * when the sum equals the target. The PRM says 1 when the target is still reachable, else 0.
 */
final class ToyWorld {
    final int depth;
    /** Every (path, seed) an expansion or rollout asked with: a repeat would mean a node was expanded twice. */
    final ConcurrentHashMap<String, Integer> requests = new ConcurrentHashMap<>();
    final AtomicInteger duplicateRequests = new AtomicInteger();

    ToyWorld(int depth) {
        this.depth = depth;
    }

    Task task() {
        return new Task() {
            public String name() {
                return "toy";
            }

            public String render(ReasoningPath path) {
                StringBuilder text = new StringBuilder("target ").append(path.question()).append('\n');
                for (String step : path.steps()) {
                    text.append(step).append('\n');
                }
                return text.toString();
            }

            public String stepDelimiter() {
                return "\n";
            }

            public boolean isTerminal(ReasoningPath path) {
                return path.depth() > 0 && path.newestStep().startsWith("=");
            }

            public Optional<String> extractAnswer(ReasoningPath path) {
                return isTerminal(path) ? Optional.of(path.newestStep().substring(2)) : Optional.empty();
            }

            public int maxSteps() {
                return depth + 1;
            }

            public OutcomeVerifier verifier() {
                return (path, truth) -> extractAnswer(path)
                        .map(a -> a.equals(path.question()) ? Verdict.CORRECT : Verdict.WRONG)
                        .orElse(Verdict.WRONG);
            }
        };
    }

    static int sum(ReasoningPath path) {
        int sum = 0;
        for (String step : path.steps()) {
            if (step.startsWith("+")) {
                sum += Integer.parseInt(step.substring(1));
            }
        }
        return sum;
    }

    Policy policy() {
        return (StepRequest request) -> {
            if (requests.putIfAbsent(request.path() + "#" + request.seed(), 1) != null) {
                duplicateRequests.incrementAndGet();
            }
            SplittableRandom random = new SplittableRandom(request.seed());
            List<StepProposal> out = new ArrayList<>();
            for (int i = 0; i < request.count(); i++) {
                String text = request.path().depth() == depth ? "= " + sum(request.path()) : "+" + random.nextInt(10);
                out.add(new StepProposal(text, text.length() + 1, -1.0));
            }
            return CompletableFuture.completedFuture(out);
        };
    }

    StepScorer scorer() {
        return paths -> {
            List<StepScore> out = new ArrayList<>();
            for (ReasoningPath path : paths) {
                int target = Integer.parseInt(path.question());
                int sum = sum(path);
                int stepsLeft = depth - Math.min(depth, path.depth());
                boolean reachable = path.newestStep().startsWith("=")
                        ? sum == target
                        : sum <= target && target <= sum + 9 * stepsLeft;
                out.add(new StepScore(reachable ? 1.0 : 0.0, path.newestStep().length() + 1));
            }
            return CompletableFuture.completedFuture(out);
        };
    }
}
