/**
 * Banyan as a Spark job ({@link dev.banyan.spark.BanyanJob}): a data set of problems searched on a cluster's
 * executors, one shared engine per executor JVM and model, each problem's lines journaled as it finishes so that a
 * killed job loses nothing and a re-run searches only the rest, and the results lines and training records rebuilt
 * as JSON Lines or Parquet, partitioned by a hash bucket of the problem's id. Everything here is package-private
 * but the job, its builder and its summary.
 */
package dev.banyan.spark;
