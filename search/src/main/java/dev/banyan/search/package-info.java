/**
 * Banyan's search core: the interfaces models plug into ({@link dev.banyan.search.Policy},
 * {@link dev.banyan.search.StepScorer}, {@link dev.banyan.search.OutcomeScorer},
 * {@link dev.banyan.search.OutcomeVerifier}, {@link dev.banyan.search.Task}), the value types that cross
 * them, and the {@link dev.banyan.search.Searcher} facade. Knows nothing of ONNX.
 *
 * <p>{@link dev.banyan.search.Aggregation}, how a path's step scores reduce to one, lives here rather than in
 * {@link dev.banyan.search.AlgorithmSpec}: the algorithms' settings name it, and a reward model that scores
 * outcomes ({@code dev.banyan.prm}) reduces by it too. {@link dev.banyan.search.DaemonThreads} names the worker
 * threads of every module's pools.
 */
package dev.banyan.search;
