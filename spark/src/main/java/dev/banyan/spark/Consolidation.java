package dev.banyan.spark;

import dev.banyan.api.records.ResultLine;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Rebuilds {@code OUT/results} and {@code OUT/export/*} from the journal: the lines that count ({@link Journal}),
 * one results line per problem, as JSON Lines (the journal's lines, byte for byte) or Parquet (one column per
 * field of the record, nested as in the JSON). Each is partitioned by {@code bucket}, a hash of the problem's id
 * modulo the bucket count: a problem's results line, tree and training records all land in the same bucket, so a
 * held-out split by bucket (say {@code bucket=0} of 10) never leaks a problem between training and validation.
 * Each folder is replaced whole, so it always holds every problem done so far.
 */
final class Consolidation {
    /** What the output holds after a consolidation. */
    record Totals(long problems, long failed) {
    }

    private final SparkSession spark;
    private final Journal journal;
    private final OutputLayout layout;

    Consolidation(SparkSession spark, Journal journal, OutputLayout layout) {
        this.spark = spark;
        this.journal = journal;
        this.layout = layout;
    }

    Totals write(boolean parquet, Set<Export> exports, int buckets) {
        // A cached plan keeps its shuffle's partitions (200 by default: as many tasks for a few ids), so coalesce.
        Dataset<Row> chosen = journal.chosen().coalesce(spark.sparkContext().defaultParallelism())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row counts = chosen.agg(count(lit(1)), sum(when(col("searched"), 0).otherwise(1))).first();
            long problems = counts.getLong(0);
            long failed = counts.isNullAt(1) ? 0 : counts.getLong(1);
            write(journal.resultLines(chosen), layout.results(), parquet, ResultLine.class, buckets);
            for (Export export : exports) {
                Dataset<Row> lines = journal.has(export.key()) ? journal.exportLines(export, chosen)
                        : spark.createDataFrame(List.of(), new StructType()
                                .add("id", DataTypes.StringType).add("value", DataTypes.StringType));
                write(lines, layout.export(export), parquet, export.recordType(), buckets);
            }
            return new Totals(problems, failed);
        } finally {
            chosen.unpersist();
        }
    }

    /** Writes {@code lines} ({@code id}, {@code value}) to {@code folder}, replacing what it held. */
    private void write(Dataset<Row> lines, Path folder, boolean parquet, Class<? extends Record> type, int buckets) {
        spark.sparkContext().setJobDescription("banyan: writing " + folder);
        Dataset<Row> bucketed = lines
                .withColumn("bucket", pmod(xxhash64(col("id")), lit(buckets)).cast(DataTypes.IntegerType))
                .sortWithinPartitions("bucket", "id");
        if (!parquet) {
            bucketed.select("value", "bucket").write().mode(SaveMode.Overwrite).partitionBy("bucket")
                    .text(folder.toString());
        } else {
            bucketed.select(from_json(col("value"), RecordSchemas.of(type), Map.of("mode", "FAILFAST")).as("record"),
                            col("bucket"))
                    .select("record.*", "bucket")
                    .write().mode(SaveMode.Overwrite).partitionBy("bucket").parquet(folder.toString());
        }
    }
}
