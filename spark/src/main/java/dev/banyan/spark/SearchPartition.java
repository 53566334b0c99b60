package dev.banyan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.banyan.api.Banyan;
import dev.banyan.api.Solution;
import dev.banyan.api.records.JsonRecords;
import dev.banyan.api.records.ResultLine;
import dev.banyan.search.DaemonThreads;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One task: searches the problems of its partition with the executor's shared engine ({@link Engines}) and writes
 * each to the journal as it finishes ({@link JournalWriter}). A search that fails is written as a failed results
 * line and the task goes on; only a failure to write, or the task being killed, ends the task. Returns one
 * summary row.
 *
 * <p>A retried task (a later attempt of the same partition in the same run) first reads what earlier attempts
 * wrote and skips the problems they finished.
 */
final class SearchPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** The summary each task returns. */
    static final StructType SUMMARY = new StructType()
            .add("partition", DataTypes.IntegerType)
            .add("searched", DataTypes.LongType)
            .add("solved", DataTypes.LongType)
            .add("failed", DataTypes.LongType)
            .add("skipped", DataTypes.LongType);

    private final SearchSettings settings;
    private final OutputLayout layout;
    private final String runId;
    private final Set<Export> exports;
    private final int parallel;
    private final Broadcast<SerializableConfiguration> hadoopConf;

    SearchPartition(SearchSettings settings, OutputLayout layout, String runId, Set<Export> exports, int parallel,
                    Broadcast<SerializableConfiguration> hadoopConf) {
        this.settings = settings;
        this.layout = layout;
        this.runId = runId;
        this.exports = exports;
        this.parallel = parallel;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> problems) throws Exception {
        TaskContext context = TaskContext.get();
        int partition = context.partitionId();
        FileSystem fs = journalFileSystem(layout.root(), hadoopConf.value().value());
        Set<String> doneBefore = context.attemptNumber() > 0 || context.stageAttemptNumber() > 0
                ? earlierAttempts(fs, partition) : Set.of();
        Counts counts = new Counts();
        String file = OutputLayout.partFile(runId, partition, context.taskAttemptId());
        try (JournalWriter journal = new JournalWriter(fs, layout, file, partition, exports)) {
            Banyan banyan = null;
            Searches searches = new Searches(parallel);
            try {
                while (problems.hasNext()) {
                    context.killTaskIfInterrupted();
                    searches.rethrowFailure();
                    Row row = problems.next();
                    String id = row.getString(0);
                    String question = row.getString(1);
                    String answer = row.getString(2);
                    if (doneBefore.contains(id)) {
                        counts.skipped.incrementAndGet();
                        continue;
                    }
                    if (banyan == null) {
                        banyan = Engines.get(settings, Devices.choose(settings.device(), context.resourcesJMap()));
                    }
                    Banyan engine = banyan;
                    searches.submit(() -> searchOne(engine, id, question, answer, journal, context, counts));
                }
                searches.finish();
            } finally {
                searches.shutdown();
            }
        }
        return List.of(RowFactory.create(partition, counts.searched.get(), counts.solved.get(), counts.failed.get(),
                counts.skipped.get())).iterator();
    }

    private static void searchOne(Banyan banyan, String id, String question, String answer, JournalWriter journal,
                                  TaskContext context, Counts counts) {
        Solution solution;
        try {
            solution = banyan.search(id, question, answer);
        } catch (Throwable e) { // an Error too: it ends this problem, not the task
            // A killed task's search may fail because it was interrupted, and an exiting executor's because its
            // engine closed: neither is the problem's failure, and recording it would keep the problem from running
            // again.
            context.killTaskIfInterrupted();
            if (Engines.exiting()) {
                throw new IllegalStateException("the executor is exiting; problem " + id + " was not finished", e);
            }
            journal.failed(ResultLine.failure(id, question, answer, Failures.describe(e), banyan.algorithm().name()));
            counts.searched.incrementAndGet();
            counts.failed.incrementAndGet();
            return;
        }
        // A killed task writes nothing more: a re-run may already be searching the same problem.
        context.killTaskIfInterrupted();
        journal.solved(solution);
        counts.searched.incrementAndGet();
        if (Boolean.TRUE.equals(solution.solved())) {
            counts.solved.incrementAndGet();
        }
    }

    /** The ids finished by earlier attempts of this partition in this run: whole results lines only. */
    private Set<String> earlierAttempts(FileSystem fs, int partition) throws IOException {
        Set<String> ids = new HashSet<>();
        String prefix = OutputLayout.partPrefix(runId, partition);
        FileStatus[] files;
        try {
            files = fs.listStatus(layout.journal(OutputLayout.RESULTS), path -> path.getName().startsWith(prefix));
        } catch (FileNotFoundException e) {
            return ids;
        }
        for (FileStatus file : files) {
            for (String line : wholeLines(fs, file.getPath())) {
                try {
                    JsonNode id = JsonRecords.MAPPER.readTree(line).get("id");
                    if (id != null && id.isTextual()) {
                        ids.add(id.asText());
                    }
                } catch (IOException e) { // not a whole record: that problem was not finished
                }
            }
        }
        return ids;
    }

    /** The newline-ended lines of a journal file; a last line without its newline was cut off by a crash. */
    static List<String> wholeLines(FileSystem fs, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = fs.open(file)) {
            in.transferTo(bytes);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().filter(line -> !line.isBlank()).toList();
    }

    /**
     * The file system the journal is written on. A local folder is written without Hadoop's checksum files: a
     * crash mid-line would leave a checksum that no longer matches, and reading the file would then fail.
     */
    static FileSystem journalFileSystem(Path root, Configuration conf) throws IOException {
        FileSystem fs = root.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    private static final class Counts {
        final AtomicLong searched = new AtomicLong();
        final AtomicLong solved = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
    }

    /**
     * Runs searches on the task's thread ({@code parallel == 1}) or on {@code parallel} threads of its own; the
     * first write failure stops the task.
     */
    private static final class Searches {
        private final ExecutorService pool;
        private final Semaphore slots;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Searches(int parallel) {
            this.pool = parallel == 1 ? null
                    : Executors.newFixedThreadPool(parallel, DaemonThreads.named("banyan-task-search"));
            this.slots = new Semaphore(parallel);
        }

        void submit(Runnable search) throws InterruptedException {
            if (pool == null) {
                search.run();
                return;
            }
            slots.acquire();
            pool.execute(() -> {
                try {
                    search.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    slots.release();
                }
            });
        }

        /** Waits for the searches in flight, then throws the first failure, if any. */
        void finish() throws InterruptedException {
            if (pool != null) {
                pool.shutdown();
                while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    TaskContext.get().killTaskIfInterrupted();
                }
            }
            rethrowFailure();
        }

        void rethrowFailure() {
            Throwable first = failure.get();
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error error) {
                throw error;
            }
            if (first != null) {
                throw new IllegalStateException(first);
            }
        }

        /** Stops the searches still running, and waits for them, so that none writes after the journal closes. */
        void shutdown() {
            if (pool != null) {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
