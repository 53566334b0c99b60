package dev.banyan.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

/**
 * Reads the journal back: which problems are done, and which of their lines count.
 *
 * <p>Every task attempt writes its own files, all named alike in each journal folder, and a problem's export
 * records go to the same-named files as its results line, before it. So the lines that count for a problem are
 * those of one file name: the one holding its results line. Where a problem has several results lines (it failed,
 * then was retried with {@code --retry-failed}; or two attempts ran it), a line of a searched problem wins over a
 * failed one, then the latest run's (file names start with the run's time). Export lines of any other file, which
 * is how a task killed between a problem's export records and its results line leaves them, never count, and
 * neither does a last line cut off mid-write (it is not a whole JSON object).
 */
final class Journal {
    private static final StructType RESULT_KEY = new StructType()
            .add("id", DataTypes.StringType)
            .add("error", DataTypes.StringType);

    private final SparkSession spark;
    private final FileSystem fs;
    private final OutputLayout layout;

    Journal(SparkSession spark, FileSystem fs, OutputLayout layout) {
        this.spark = spark;
        this.fs = fs;
        this.layout = layout;
    }

    /** Whether the journal folder {@code name} holds any file. */
    boolean has(String name) {
        Path folder = layout.journal(name);
        try {
            return fs.exists(folder) && fs.listStatus(folder, path -> !path.getName().startsWith(".")
                    && !path.getName().startsWith("_")).length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The lines of journal folder {@code name}: {@code value} (the JSON text) and {@code file} (its file's name). */
    Dataset<Row> lines(String name) {
        return spark.read().text(layout.journal(name).toString())
                .select(col("value"), col("_metadata.file_name").as("file"));
    }

    /**
     * Every whole results line: {@code id}, {@code searched} (false for a failed search), {@code file},
     * {@code value}. Empty before the first run.
     */
    Dataset<Row> results() {
        if (!has(OutputLayout.RESULTS)) {
            return spark.createDataFrame(List.of(), new StructType()
                    .add("id", DataTypes.StringType).add("searched", DataTypes.BooleanType)
                    .add("file", DataTypes.StringType).add("value", DataTypes.StringType));
        }
        Column key = from_json(col("value"), RESULT_KEY, Map.of("mode", "PERMISSIVE"));
        return lines(OutputLayout.RESULTS)
                .withColumn("key", key)
                .filter(col("key.id").isNotNull())
                .select(col("key.id").as("id"), col("key.error").isNull().as("searched"), col("file"), col("value"));
    }

    /**
     * The ids the output already holds: every problem with a results line, or with {@code retryFailed} only those
     * with a searched one (the rest run again).
     */
    Set<String> done(boolean retryFailed) {
        Dataset<Row> byId = results().groupBy("id").agg(max(col("searched")).as("searched"));
        if (retryFailed) {
            byId = byId.filter(col("searched"));
        }
        return new HashSet<>(byId.select("id").as(Encoders.STRING()).collectAsList());
    }

    /** Per problem, the line that counts: {@code id}, {@code file}, {@code searched} (see the class comment). */
    Dataset<Row> chosen() {
        return results().groupBy("id")
                .agg(max(struct(col("searched"), col("file"))).as("best"))
                .select(col("id"), col("best.file").as("file"), col("best.searched").as("searched"));
    }

    /** The results lines that count, given {@link #chosen()}: {@code id}, {@code value}. */
    Dataset<Row> resultLines(Dataset<Row> chosen) {
        return counting(results(), chosen);
    }

    /** The lines of export {@code export} that count, given {@link #chosen()}: {@code id}, {@code value}. */
    Dataset<Row> exportLines(Export export, Dataset<Row> chosen) {
        return counting(lines(export.key()).withColumn("id", get_json_object(col("value"), "$.id")), chosen);
    }

    private static Dataset<Row> counting(Dataset<Row> lines, Dataset<Row> chosen) {
        Dataset<Row> all = lines.as("line");
        Dataset<Row> counted = chosen.as("chosen");
        return all.join(counted, col("line.id").equalTo(col("chosen.id"))
                        .and(col("line.file").equalTo(col("chosen.file"))), "left_semi")
                .select(col("id"), col("value"));
    }
}
