package dev.banyan.spark;

import dev.banyan.search.tasks.Problem;
import dev.banyan.search.tasks.TaskRegistry;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Reads the problems of a job: JSON Lines or Parquet with an id, a question and optionally an expected answer
 * (column names configurable), or a task's built-in data set such as {@code game24:1-40}. The whole input is
 * checked before any search: a missing column, a row without an id or a question, or a duplicate id fails the job,
 * naming them.
 */
final class ProblemInput {
    /** The columns the search reads, in this order. */
    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("question", DataTypes.StringType, false)
            .add("answer", DataTypes.StringType, true);

    /**
     * Which columns hold the id, the question and the expected answer.
     *
     * @param answerRequired whether the answer column must exist (it was named explicitly); else a missing one
     *                       means no expected answers
     */
    record Fields(String id, String question, String answer, boolean answerRequired) {
        static final Fields DEFAULT = new Fields("id", "question", "answer", false);
    }

    private ProblemInput() {
    }

    /**
     * Reads and checks the input; {@code format} is {@code jsonl}, {@code parquet}, or null to tell by its name.
     * The problems come persisted (the checks read them, and so will the job); the caller unpersists them.
     */
    static Loaded load(SparkSession spark, String input, String format, Fields fields) {
        Optional<List<Problem>> builtIn = TaskRegistry.builtInData(input);
        if (builtIn.isPresent()) {
            List<Row> rows = builtIn.get().stream()
                    .map(problem -> RowFactory.create(problem.id(), problem.question(), problem.answer()))
                    .toList();
            return new Loaded(spark.createDataFrame(rows, SCHEMA), rows.size());
        }
        Dataset<Row> table = switch (format == null ? formatOf(input) : format) {
            case "jsonl" -> spark.read().option("mode", "FAILFAST").json(input);
            case "parquet" -> spark.read().parquet(input);
            default -> throw new IllegalArgumentException("unknown input format '" + format + "'; expected jsonl or parquet");
        };
        Dataset<Row> problems = table.select(
                text(table, input, fields.id(), "--id-field", false).as("id"),
                text(table, input, fields.question(), "--question-field", false).as("question"),
                fields.answerRequired() || Arrays.asList(table.columns()).contains(fields.answer())
                        ? text(table, input, fields.answer(), "--answer-field", true).as("answer")
                        : lit(null).cast(DataTypes.StringType).as("answer"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return new Loaded(problems, check(problems, input, fields));
        } catch (RuntimeException e) {
            problems.unpersist();
            throw e;
        }
    }

    /** The checked problems ({@code id}, {@code question}, {@code answer}) and how many they are. */
    record Loaded(Dataset<Row> problems, long count) {
    }

    /** {@code parquet} for a name ending {@code .parquet} or {@code .pq}, else {@code jsonl}. */
    static String formatOf(String input) {
        String name = input.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        return name.endsWith(".parquet") || name.endsWith(".pq") ? "parquet" : "jsonl";
    }

    /**
     * The column {@code name} as text: a string column as it is; a whole-number column (any number, for
     * {@code anyNumber}) written as text.
     */
    private static Column text(Dataset<Row> table, String input, String name, String flag, boolean anyNumber) {
        StructType schema = table.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        if (!names.contains(name)) {
            throw new IllegalArgumentException("input " + input + " has no column \"" + name + "\" (its columns: "
                    + names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ")) + "); " + flag
                    + " names another");
        }
        DataType type = schema.apply(name).dataType();
        Column column = col("`" + name.replace("`", "``") + "`");
        if (type instanceof StringType) {
            return column;
        }
        boolean question = flag.equals("--question-field");
        if (!question && (type instanceof IntegralType || anyNumber && type instanceof NumericType)) {
            return column.cast(DataTypes.StringType);
        }
        throw new IllegalArgumentException("input " + input + ": column \"" + name + "\" holds " + type.simpleString()
                + (question ? ", not text" : anyNumber ? ", not text or numbers" : ", not text or whole numbers"));
    }

    /**
     * Every row has an id and a question, and no two rows share an id; returns the number of rows. One pass over
     * the input; the examples a failure names take another.
     */
    private static long check(Dataset<Row> problems, String input, Fields fields) {
        Column id = col("id");
        Column question = col("question");
        Column noId = id.isNull().or(id.equalTo(""));
        Row counts = problems
                .groupBy(id)
                .agg(count(lit(1)).as("rows"), sum(when(question.isNull().or(question.equalTo("")), 1).otherwise(0))
                        .as("noQuestion"))
                .agg(sum("rows"), sum(when(noId, col("rows")).otherwise(0)), sum("noQuestion"),
                        sum(when(not(noId).and(col("rows").gt(1)), 1).otherwise(0)))
                .first();
        long rows = counts.isNullAt(0) ? 0 : counts.getLong(0);
        if (rows == 0) {
            throw new IllegalArgumentException("input " + input + " holds no problems");
        }
        long withoutId = counts.getLong(1);
        if (withoutId > 0) {
            throw new IllegalArgumentException("input " + input + ": " + withoutId + " of " + rows + " rows have no \""
                    + fields.id() + "\"; every problem needs a unique id (the output is keyed by it)");
        }
        long noQuestion = counts.getLong(2);
        if (noQuestion > 0) {
            List<String> examples = problems.filter(question.isNull().or(question.equalTo(""))).select(id).limit(3)
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            throw new IllegalArgumentException("input " + input + ": " + noQuestion + " rows have no \""
                    + fields.question() + "\" (e.g. ids " + String.join(", ", examples) + ")");
        }
        if (counts.getLong(3) == 0) {
            return rows;
        }
        List<Row> duplicates = problems.groupBy(id).count().filter(col("count").gt(1)).limit(5).collectAsList();
        throw new IllegalArgumentException("input " + input + ": " + counts.getLong(3) + " ids appear more than "
                + "once, e.g. " + duplicates.stream()
                .map(row -> "\"" + row.getString(0) + "\" (" + row.getLong(1) + " rows)")
                .collect(Collectors.joining(", ")));
    }
}
