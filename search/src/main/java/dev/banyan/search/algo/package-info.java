/**
 * The searched tree and the algorithms that grow it.
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
 */
package dev.banyan.search.algo;
