package dev.banyan.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole MCTS* simulations (selection, expansion with the zero-cost simulated policy and PRM, rollout, backup)
 * per second, one search of {@code simulations} simulations per operation, with 1 and 2 search threads, lock-free against
 * one global lock. The {@code simulations} counter is the figure to read.
 *
 * <pre>
 * mvn -B -q -ntp -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar SimulationBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
// The JIT needs about 6 s of these searches before a second's count settles (46, 430, 780 searches/s over the
// first three); shorter warm-ups made the spread wider than the mean.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class SimulationBenchmark {
    private static final String[] PUZZLES = {"4 9 10 13", "1 1 4 6", "2 7 8 9", "3 3 8 8", "5 5 5 1", "6 6 6 6"};

    @Param({"1", "2"})
    public int threads;

    @Param({"lockFree", "globalLock"})
    public String guard;

    /** Simulations per search: 200 keeps the tree growing (ReST-MCTS*'s regime); 2,000 exhausts small puzzles. */
    @Param({"200", "2000"})
    public int simulations;

    private ExecutorService pool;
    private long seed;

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counted {
        public long simulations;

        @Setup(Level.Iteration)
        public void reset() {
            simulations = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        pool = Executors.newFixedThreadPool(Math.max(1, threads - 1));
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.shutdownNow();
    }

    @Benchmark
    public long search(Counted counted) {
        long run = SearchWorld.mctsStar(SearchWorld.NO_EARLY_STOP, threads, pool, guard)
                .search(PUZZLES[(int) (seed % PUZZLES.length)], simulations, seed++);
        counted.simulations += run;
        return run;
    }
}
