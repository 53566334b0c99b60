/**
 * The searched tree and the algorithms that grow it. Each algorithm is named after the settings record it runs
 * ({@code MctsStarSearch} runs an {@link dev.banyan.search.AlgorithmSpec.MctsStar}, {@code BeamSearch} a
 * {@link dev.banyan.search.AlgorithmSpec.Beam}, …); {@link dev.banyan.search.algo.Searches} is the door in, and
 * {@link dev.banyan.search.algo.BenchmarkHooks} the JMH benchmarks' side door.
 *
 * <h2>Memory-ordering conventions</h2>
 * Many search threads share one tree with no global lock. Concurrent fields of {@link dev.banyan.search.algo.Node}
 * are plain fields reached only through {@link java.lang.invoke.VarHandle}s, and each accessor's name states its
 * ordering: {@code xxxAcquire()} reads with acquire semantics, {@code setXxxRelease()} writes with release
 * semantics, {@code casXxx()} and {@code addXxx()} are volatile read-modify-writes, {@code xxxOpaque()} reads
 * a recent value with no ordering (fine for statistics that selection only uses as heuristics).
 *
 * <p>A node's life is a forward-only state machine moved by CAS (see {@code Node#state}): exactly one thread
 * wins each expansion round; losers step aside and select elsewhere. Children are built in full and then
 * published with a release store of the whole array; a later round (widening) publishes a longer copy that
 * keeps the earlier children in place, so a reader holding the old array still sees valid nodes.
 *
 * <h2>One tree for every algorithm</h2>
 * The baselines grow the same {@link dev.banyan.search.algo.Node}s under the same round claims, so exports and
 * tree invariants hold for all of them. A simulation is one claim on the budget's simulations and ends in one
 * visit: an MCTS simulation; a finished chain of greedy, self-consistency or best-of-N (a visit along its path,
 * a self visit at its end; a chain the budget cuts is given back and is no answer); one beam expansion of beam
 * search or DVTS (a self visit at the expanded node). A node's value is MCTS*'s V; η-MCTS's mean backed-up
 * critic value; for beam search, DVTS and best-of-N its path's aggregated PRM score; for greedy and
 * self-consistency, which call no PRM, the share of the finished chains through it that reached the chosen
 * answer.
 */
package dev.banyan.search.algo;
