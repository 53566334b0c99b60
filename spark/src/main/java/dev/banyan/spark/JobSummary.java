package dev.banyan.spark;

/**
 * What a run of the job did, and what its output holds afterwards.
 *
 * @param output the output directory, fully qualified
 * @param runId this run's id, which starts the names of the journal files it wrote
 * @param problems problems in the input
 * @param alreadyDone problems of the input the output already held, not searched again
 * @param searched problems searched by this run (each now has a results line)
 * @param solved of those, the ones the task's verifier judged right
 * @param failed of those, the ones whose search failed (their lines carry an {@code error})
 * @param inOutput problems the output holds after this run, from this and earlier runs
 * @param failedInOutput of those, the ones whose line records a failed search
 */
public record JobSummary(String output, String runId, long problems, long alreadyDone, long searched, long solved,
                         long failed, long inOutput, long failedInOutput) {
}
