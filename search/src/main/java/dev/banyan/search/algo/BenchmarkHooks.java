package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * MCTS* below the public API, for the JMH benchmarks in {@code bench/} ({@code SimulationBenchmark},
 * {@code SelectBackupBenchmark}) and nothing else: whole searches with the tree lock-free or behind one global
 * lock ({@link TreeGuard}), and a worker's selection plus backup over a grown tree. Being public here keeps the
 * benchmarks in their own package instead of splitting this one.
 */
public final class BenchmarkHooks {
    private final MctsStarSearch search;
    private final Task task;
    private final Policy policy;
    private final StepScorer prm;
    private final int maxStepTokens;

    /** A grown tree, for {@link #selectAndBackUp}. */
    public static final class GrownTree {
        private final SearchRun run;

        private GrownTree(SearchRun run) {
            this.run = run;
        }
    }

    /**
     * MCTS* with {@code spec} on {@code threads} threads ({@code pool} serves all but the caller's), over a world
     * of {@code task}, {@code policy} and {@code prm}; {@code globalLock} puts one lock around every selection and
     * backup instead of the lock-free tree.
     */
    public BenchmarkHooks(AlgorithmSpec.MctsStar spec, int threads, ExecutorService pool, boolean globalLock,
                          Task task, Policy policy, StepScorer prm, int maxStepTokens) {
        this.search = new MctsStarSearch(spec, threads, pool, globalLock ? TreeGuard.globalLock() : TreeGuard.NONE);
        this.task = task;
        this.policy = policy;
        this.prm = prm;
        this.maxStepTokens = maxStepTokens;
    }

    /** Searches {@code question} for at most {@code simulations} simulations; returns the simulations run. */
    public long search(String question, long simulations, long seed) {
        SearchRun run = newRun(question, simulations, seed);
        search.search(run);
        return run.simulationsRun();
    }

    /** The tree a search of {@code question} of at most {@code simulations} simulations grows. */
    public GrownTree grow(String question, long simulations, long seed) {
        SearchRun run = newRun(question, simulations, seed);
        search.search(run);
        return new GrownTree(run);
    }

    /** One selection from {@code tree}'s root to a leaf plus its backup, by a worker of the calling thread's own. */
    public Runnable selectAndBackUp(GrownTree tree) {
        return search.worker(tree.run)::selectAndBackUp;
    }

    private SearchRun newRun(String question, long simulations, long seed) {
        Budget budget = new Budget(Long.MAX_VALUE, simulations, Duration.ofMinutes(10));
        return new SearchRun(task, policy, prm, null, budget, seed, maxStepTokens, question);
    }
}
