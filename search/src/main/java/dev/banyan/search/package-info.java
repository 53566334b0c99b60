/**
 * Banyan's search core: the interfaces models plug into ({@link dev.banyan.search.Policy},
 * {@link dev.banyan.search.StepScorer}, {@link dev.banyan.search.OutcomeScorer},
 * {@link dev.banyan.search.OutcomeVerifier}, {@link dev.banyan.search.Task}), the value types that cross
 * them, and the {@link dev.banyan.search.Searcher} facade. Knows nothing of ONNX.
 */
package dev.banyan.search;
