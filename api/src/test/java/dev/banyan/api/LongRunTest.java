package dev.banyan.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.engine.PolicyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many searches through one instance: the prefix cache stays within its byte budget and, once the bounded
 * caches are full, the heap stops growing (measured after a full collection at each checkpoint). 240 searches in
 * the suite; {@code -Dbanyan.longRun.searches=2000} for the long measurement that {@code bench/README.md} reports.
 */
class LongRunTest {
    private static final Path DEMO = Path.of(System.getProperty("banyan.root", "..")).resolve("models/game24");
    private static final long KV_BYTES = 512L << 10;
    private static final int CHECKPOINTS = 12;
    /** Checkpoints before the caches (512 KB of keys and values each, 300 step scores) are surely full. */
    private static final int FILLING = 5;
    /**
     * A search kept alive past its end (its solution: tree, paths, token ids) weighs about 2 KB at this budget (a
     * test that kept them measured 2.1 KB per search); once the caches are full nothing else may grow but the
     * prefix caches' sets of offered keys, about 12 bytes a prefix, bounded in proportion to the budget.
     */
    private static final double MAX_BYTES_PER_SEARCH = 1_200;

    @Test
    void manySearchesKeepThePrefixCacheInItsBudgetAndTheHeapFlat(@TempDir Path dir) throws Exception {
        int searches = Integer.getInteger("banyan.longRun.searches", 240);
        ObjectNode config = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(DEMO.resolve("banyan.json").toFile());
        config.put("policy", DEMO.resolve("policy").toAbsolutePath().toString());
        config.put("prm", DEMO.resolve("prm").toAbsolutePath().toString());
        config.put("kvCacheBytes", KV_BYTES);
        config.put("valueCacheEntries", 300);
        Files.writeString(dir.resolve("banyan.json"), config.toString());
        List<String> puzzles = puzzles();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<long[]> heapAt = new ArrayList<>();
        try (Banyan banyan = Banyan.builder().model(dir).budgetTokens(60).seed(1).build()) {
            PolicyEngine policy = (PolicyEngine) banyan.bundle().policy();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                int perCheckpoint = searches / CHECKPOINTS;
                for (int checkpoint = 1; checkpoint <= CHECKPOINTS; checkpoint++) {
                    List<Future<Solution>> running = new ArrayList<>();
                    for (int i = 0; i < perCheckpoint; i++) {
                        String puzzle = puzzles.get(((checkpoint - 1) * perCheckpoint + i) % puzzles.size());
                        running.add(pool.submit(() -> banyan.search(puzzle)));
                    }
                    for (Future<Solution> search : running) {
                        search.get(2, TimeUnit.MINUTES);
                    }
                    assertThat(policy.stats().cacheBytes()).as("prefix cache bytes at checkpoint " + checkpoint)
                            .isLessThanOrEqualTo(KV_BYTES);
                    System.gc();
                    System.gc();
                    heapAt.add(new long[] {(long) checkpoint * perCheckpoint, memory.getHeapMemoryUsage().getUsed()});
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(policy.stats().cacheEvictions()).as("the budget was small enough to be reached").isPositive();
        }
        // The first checkpoints fill the caches; from then on the heap must be flat.
        double slope = slope(heapAt.subList(FILLING, CHECKPOINTS));
        StringBuilder report = new StringBuilder("long run, heap after GC (searches: MB):");
        heapAt.forEach(point -> report.append(String.format(" %d: %.1f", point[0], point[1] / 1e6)));
        System.out.println(report.append(String.format("; slope after checkpoint %d: %.0f bytes/search", FILLING, slope)));
        assertThat(slope).as(report.toString()).isLessThan(MAX_BYTES_PER_SEARCH);
    }

    /** Least-squares slope of heap bytes over searches. */
    private static double slope(List<long[]> points) {
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (long[] p : points) {
            covariance += (p[0] - meanX) * (p[1] - meanY);
            variance += (p[0] - meanX) * (p[0] - meanX);
        }
        return covariance / variance;
    }

    /** Every multiset of four numbers from 1 to 13, in order: 1,820 distinct questions. */
    private static List<String> puzzles() {
        List<String> puzzles = new ArrayList<>();
        for (int a = 1; a <= 13; a++) {
            for (int b = a; b <= 13; b++) {
                for (int c = b; c <= 13; c++) {
                    for (int d = c; d <= 13; d++) {
                        puzzles.add(a + " " + b + " " + c + " " + d);
                    }
                }
            }
        }
        return puzzles;
    }
}
