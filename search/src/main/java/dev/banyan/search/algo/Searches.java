package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.OutcomeScorer;
import dev.banyan.search.Policy;
import dev.banyan.search.SearchResult;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.TraceStep;
import dev.banyan.search.Verdict;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The one door into this package: runs an algorithm on a question and packs up its result. (The JMH benchmarks
 * have a side door of their own, {@link BenchmarkHooks}.)
 */
public final class Searches {
    private Searches() {
    }

    /** Settings shared by every search of a {@code dev.banyan.search.Searcher}; validated there. */
    public record Settings(Task task, Policy policy, StepScorer scorer, OutcomeScorer outcomeScorer,
                           AlgorithmSpec algorithm, Budget budget, int threads, long seed, int maxStepTokens) {
        /** These settings with models that add one search's costs to {@code usage}. */
        public Settings countingInto(dev.banyan.search.ModelUsage usage) {
            return new Settings(task, policy.countingInto(usage), scorer.countingInto(usage), outcomeScorer, algorithm,
                    budget, threads, seed, maxStepTokens);
        }
    }

    /** Searches one question; {@code pool} serves the extra threads when {@code settings.threads() > 1}. */
    public static SearchResult run(Settings settings, String question, String groundTruth, ExecutorService pool) {
        SearchRun run = new SearchRun(settings.task(), settings.policy(), settings.scorer(), settings.outcomeScorer(),
                settings.budget(), settings.seed(), settings.maxStepTokens(), question);
        Algorithm algorithm = create(settings.algorithm(), settings.threads(), pool);
        Algorithm.Choice choice = algorithm.search(run);
        Node chosen = choice.node();
        Optional<String> answer = choice.answer() != null ? Optional.of(choice.answer())
                : chosen.isTerminal() ? settings.task().extractAnswer(chosen.path()) : Optional.empty();
        Verdict verdict = answer.isPresent()
                ? settings.task().verifier().verify(chosen.path(), groundTruth)
                : Verdict.WRONG;
        return new SearchResult(question, answer, trace(chosen), verdict, run.stats(), run.tree,
                settings.algorithm().name());
    }

    /**
     * The algorithm a spec names. One branch per record of the sealed {@link AlgorithmSpec}, alike in shape: a
     * {@code switch} with type patterns would say it once, but it needs Java 21 and the build targets 17.
     */
    static Algorithm create(AlgorithmSpec spec, int threads, ExecutorService pool) {
        if (spec instanceof AlgorithmSpec.MctsStar mcts) {
            return new MctsStarSearch(mcts, threads, pool);
        }
        if (spec instanceof AlgorithmSpec.Greedy) {
            return new GreedySearch();
        }
        if (spec instanceof AlgorithmSpec.SelfConsistency sc) {
            return new SelfConsistencySearch(sc, threads, pool);
        }
        if (spec instanceof AlgorithmSpec.BestOfN bestOfN) {
            return new BestOfNSearch(bestOfN, threads, pool);
        }
        if (spec instanceof AlgorithmSpec.Beam beam) {
            return new BeamSearch(beam, threads, pool);
        }
        if (spec instanceof AlgorithmSpec.Dvts dvts) {
            return new DvtsSearch(dvts, threads, pool);
        }
        if (spec instanceof AlgorithmSpec.EtaMcts eta) {
            return new EtaMctsSearch(eta, threads, pool);
        }
        if (spec instanceof AlgorithmSpec.AbMcts ab) {
            return new AbMctsSearch(ab, threads, pool);
        }
        throw new IllegalArgumentException("no search for algorithm '" + spec.name() + "'");
    }

    private static List<TraceStep> trace(Node end) {
        Deque<TraceStep> steps = new ArrayDeque<>();
        for (Node node = end; node.parent() != null; node = node.parent()) {
            steps.push(new TraceStep(node.id(), node.step(), node.valueAcquire()));
        }
        return new ArrayList<>(steps);
    }
}
