package dev.banyan.bench;

import dev.banyan.prm.PrmEngine;
import dev.banyan.prm.PrmStats;
import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.Budget;
import dev.banyan.search.Policy;
import dev.banyan.search.Searcher;
import dev.banyan.search.tasks.Problem;
import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskRegistry;
import dev.banyan.search.tasks.TaskSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reward-model tokens per new step token over MCTS* searches: the simulated Game-of-24 policy proposes, the ONNX
 * step-tag PRM scores, so the tree shapes (branching, widening, rollouts, revisits) are the search's own. Each
 * iteration searches the first {@code puzzles} puzzles with a fresh PRM (empty value and KV caches), scoring
 * incrementally from the parent's cached keys and values or re-scoring every path's whole text. The score is
 * the time of one iteration; the counters report, per iteration, {@code prmTokens} (tokens the PRM ran) and
 * {@code stepTokens} (tokens of the steps it scored: the least any scorer must run); their ratio is printed
 * after each iteration.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar PrmTokens
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class PrmTokensBenchmark {
    private static final Budget BUDGET = new Budget(1_500, 200, Duration.ofSeconds(30));

    /** The reward model's directory (a step-tag PRM). */
    @Param("prm/src/test/resources/fixtures/prm-step-tag")
    public String model;

    /** Score a new step from its parent's keys and values, or re-score the whole text. */
    @Param({"true", "false"})
    public boolean incremental;

    /** Search threads per puzzle; with more than one, their requests share the PRM's passes and cache. */
    @Param({"1", "4"})
    public int threads;

    /** Puzzles searched per iteration: the first ones of the built-in set, which have the most solution paths. */
    @Param("50")
    public int puzzles;

    private PrmEngine prm;

    /** The PRM's counters over one iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Tokens {
        public long prmTokens;
        public long stepTokens;

        @Setup(Level.Iteration)
        public void reset() {
            prmTokens = 0;
            stepTokens = 0;
        }
    }

    @Setup(Level.Iteration)
    public void load() {
        Path dir = Path.of(model);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model directory " + dir.toAbsolutePath() + " not found; pass -p model=...");
        }
        prm = PrmEngine.builder(dir).intraOpThreads(1).incremental(incremental).build();
    }

    @TearDown(Level.Iteration)
    public void close() {
        PrmStats stats = prm.stats();
        System.out.printf("%n  incremental=%s threads=%d: %d PRM tokens / %d step tokens = %.3f; value-cache hit rate %.3f,"
                        + " %.1f rows a pass%n", incremental, threads, stats.tokensProcessed(), stats.stepTokens(),
                stats.tokensPerStepToken(), stats.valueHitRate(), stats.meanBatchSize());
        prm.close();
    }

    @Benchmark
    public long searchPuzzles(Tokens tokens) {
        TaskProvider game24 = TaskRegistry.named("game24");
        Policy policy = game24.simulatedPolicy(TaskSettings.of("the benchmark", Map.of("solvableLean", 0.5)), Path.of("."));
        long nodes = 0;
        try (Searcher searcher = Searcher.builder().task(game24.create(TaskSettings.empty("the benchmark")))
                .policy(policy).stepScorer(prm)
                .algorithm(AlgorithmSpec.MctsStar.defaults()).budget(BUDGET).threads(threads).seed(1).build()) {
            for (Problem puzzle : TaskRegistry.builtInData("game24:1-" + puzzles).orElseThrow()) {
                nodes += searcher.search(puzzle.question(), null).stats().nodes();
            }
        }
        PrmStats stats = prm.stats();
        tokens.prmTokens = stats.tokensProcessed();
        tokens.stepTokens = stats.stepTokens();
        return nodes;
    }
}
