package dev.banyan.spark;

import org.apache.hadoop.fs.Path;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The folders of a job's output directory.
 *
 * <pre>
 * OUT/results/bucket=B/…        every problem's results line, one per problem (JSON Lines or Parquet)
 * OUT/export/trees|sft|prm|dpo/bucket=B/…   the export records of the problems searched
 * OUT/_journal/results/part-RUN-PARTITION-ATTEMPT.jsonl   what each task attempt wrote, line by line
 * OUT/_journal/trees|sft|prm|dpo/part-….jsonl             (one file per task attempt and kind, same name)
 * OUT/_banyan-job.json           the settings the output was written with
 * </pre>
 *
 * The journal is the durable record, appended to as each problem finishes; {@code results} and {@code export} are
 * rebuilt from it at the end of every run. Spark and Hadoop readers skip names starting with an underscore, so
 * reading {@code OUT/results} never sees the journal.
 */
final class OutputLayout implements Serializable {
    static final String RESULTS = "results";
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    /** The output directory, as a Hadoop path string (any file system Spark can write). */
    private final String root;

    OutputLayout(String root) {
        this.root = root;
    }

    Path root() {
        return new Path(root);
    }

    /** {@code _journal/NAME}: {@link #RESULTS} or an export's key. */
    Path journal(String name) {
        return new Path(new Path(root, "_journal"), name);
    }

    Path results() {
        return new Path(root, RESULTS);
    }

    Path export(Export export) {
        return new Path(new Path(root, "export"), export.key());
    }

    Path settingsFile() {
        return new Path(root, "_banyan-job.json");
    }

    /** A new run's id: its start time to the second (so names sort by run), and a random suffix. */
    static String newRunId() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return ZonedDateTime.now(ZoneOffset.UTC).format(RUN_TIME) + "-" + HexFormat.of().formatHex(random);
    }

    /** The prefix of every file a run's task attempts write for {@code partition}. */
    static String partPrefix(String runId, int partition) {
        return String.format(Locale.ROOT, "part-%s-%05d-", runId, partition);
    }

    /** The file name a task attempt writes in each journal folder. */
    static String partFile(String runId, int partition, long taskAttemptId) {
        return partPrefix(runId, partition) + taskAttemptId + ".jsonl";
    }
}
