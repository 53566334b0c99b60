/**
 * Process and outcome reward models on ONNX Runtime, behind the search's {@link dev.banyan.search.StepScorer}
 * and {@link dev.banyan.search.OutcomeScorer}.
 *
 * <p>Public: {@link dev.banyan.prm.PrmEngine} (its builder, the scorers, the lifecycle),
 * {@link dev.banyan.prm.PrmConfig} (the {@code prm.json} schema), {@link dev.banyan.prm.PrmStats} and
 * {@link dev.banyan.prm.PathScores}. Package-private: the text layout and read positions ({@code PathEncoder}),
 * the per-style scoring of an output ({@code ScoreRule}), the value cache ({@code ValueCache}, on Caffeine's
 * {@code AsyncCache}) and the single inference thread ({@code ScoreLoop}, {@code ScoreRow}, {@code ScoreJob},
 * with the counters behind {@code PrmStats}, {@code PrmCounters}).
 *
 * <p>Built on the policy engine's machinery ({@code dev.banyan.engine}): model loading and graph checks
 * ({@code DecoderModel} with a {@code Readout} for the style's output), the tokenizer, the batched forward pass
 * and the token-prefix KV cache. From the search it takes the interfaces it implements and the value types
 * that cross them, {@link dev.banyan.search.Aggregation} among them: how a path's step scores reduce to one is
 * the search's concept (its algorithms rank paths by it), which the reward model applies to outcome scores.
 *
 * <p>Threads: search threads call {@code score}, which consults the value cache, tokenizes and enqueues; one
 * inference thread per model owns the forward pass, the rows and the KV cache, so those need no locks.
 */
package dev.banyan.prm;
