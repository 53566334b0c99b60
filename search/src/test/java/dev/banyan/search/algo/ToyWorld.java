package dev.banyan.search.algo;

import dev.banyan.search.OutcomeScorer;
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
 *
 * <p>Variants: fewer {@code digits} (0 to digits−1) make targets easy to hit; a {@code lean} digit that
 * sampling picks with probability {@code leanChance} and greedy decoding always picks; a noisy PRM that blends
 * the exact score with a fixed pseudo-random number per path, so that scores differ without being random.
 */
final class ToyWorld {
    final int depth;
    private final int digits;
    private final int lean;
    private final double leanChance;
    private final boolean noisyPrm;
    /** Every (path, seed) an expansion or rollout asked with: a repeat would mean a node was expanded twice. */
    final ConcurrentHashMap<String, Integer> requests = new ConcurrentHashMap<>();
    final AtomicInteger duplicateRequests = new AtomicInteger();
    /** The most policy tokens any single request produced: how far a search may pass its token budget per thread. */
    final AtomicInteger largestCallTokens = new AtomicInteger();

    ToyWorld(int depth) {
        this(depth, 10, -1, 0, false);
    }

    private ToyWorld(int depth, int digits, int lean, double leanChance, boolean noisyPrm) {
        this.depth = depth;
        this.digits = digits;
        this.lean = lean;
        this.leanChance = leanChance;
        this.noisyPrm = noisyPrm;
    }

    /** Steps add a digit from 0 to {@code count − 1}. */
    ToyWorld withDigits(int count) {
        return new ToyWorld(depth, count, lean, leanChance, noisyPrm);
    }

    /** Sampling picks {@code digit} with probability {@code chance} (else uniformly); greedy always picks it. */
    ToyWorld withLean(int digit, double chance) {
        return new ToyWorld(depth, digits, digit, chance, noisyPrm);
    }

    /** The PRM blends the exact score (weight 0.6) with a fixed pseudo-random number per path. */
    ToyWorld withNoisyPrm() {
        return new ToyWorld(depth, digits, lean, leanChance, true);
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
            int tokens = 0;
            for (int i = 0; i < request.count(); i++) {
                String text = request.path().depth() == depth ? "= " + sum(request.path()) : "+" + digit(request, random);
                out.add(new StepProposal(text, text.length() + 1, -1.0));
                tokens += text.length() + 1;
            }
            largestCallTokens.accumulateAndGet(tokens, Math::max);
            return CompletableFuture.completedFuture(out);
        };
    }

    private int digit(StepRequest request, SplittableRandom random) {
        if (lean < 0) {
            return random.nextInt(digits);
        }
        return request.greedy() || random.nextDouble() < leanChance ? lean : random.nextInt(digits);
    }

    /** The ORM: 1 when a finished path's sum is the target, else 0; refuses a path that is not finished. */
    OutcomeScorer outcomeScorer() {
        Task task = task();
        return path -> {
            if (!task.isTerminal(path) && path.depth() < task.maxSteps()) {
                throw new IllegalArgumentException("outcome asked for an unfinished path " + path);
            }
            boolean correct = task.extractAnswer(path).map(path.question()::equals).orElse(false);
            return CompletableFuture.completedFuture(new StepScore(correct ? 1 : 0, path.depth()));
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
                        : sum <= target && target <= sum + (digits - 1) * stepsLeft;
                double exact = reachable ? 1.0 : 0.0;
                double score = noisyPrm ? 0.6 * exact + 0.4 * new SplittableRandom(path.toString().hashCode()).nextDouble() : exact;
                out.add(new StepScore(score, path.newestStep().length() + 1));
            }
            return CompletableFuture.completedFuture(out);
        };
    }
}
