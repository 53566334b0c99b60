package dev.banyan.bench;

import dev.banyan.search.algo.BenchmarkHooks;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tree's own cost: one MCTS* selection from the root to a leaf plus the backup, over a grown Game-of-24
 * tree, by 1 and 2 threads sharing it, lock-free against one global lock. {@code unshared} gives each thread
 * a tree of its own: nothing is shared, so its two-thread figure is what this machine's two cores allow at
 * best, the ceiling for the shared tree's scaling.
 *
 * <pre>
 * mvn -B -q -ntp -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar SelectBackupBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectBackupBenchmark {

    @State(Scope.Benchmark)
    public static class SharedTree {
        @Param({"lockFree", "globalLock", "unshared"})
        public String guard;

        BenchmarkHooks search;
        BenchmarkHooks.GrownTree tree;

        @Setup(Level.Trial)
        public void grow() {
            search = SearchWorld.mctsStar(SearchWorld.NO_EARLY_STOP, 1, null, guard);
            tree = grownTree(search);
        }

        static BenchmarkHooks.GrownTree grownTree(BenchmarkHooks search) {
            return search.grow("4 9 10 13", 5_000, 1);
        }
    }

    @State(Scope.Thread)
    public static class Walker {
        Runnable selectAndBackUp;

        @Setup(Level.Trial)
        public void start(SharedTree shared) {
            BenchmarkHooks.GrownTree tree = shared.guard.equals("unshared") ? SharedTree.grownTree(shared.search) : shared.tree;
            selectAndBackUp = shared.search.selectAndBackUp(tree);
        }
    }

    @Benchmark
    @Threads(1)
    public void oneThread(Walker walker) {
        walker.selectAndBackUp.run();
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(Walker walker) {
        walker.selectAndBackUp.run();
    }
}
