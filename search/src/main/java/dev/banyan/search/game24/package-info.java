/**
 * Game of 24, built in: every solvable puzzle of four numbers from 1 to 13, ranked by how many solution paths
 * it has, and a reader of Tree of Thoughts' ranked puzzle files ({@link dev.banyan.search.game24.Game24Puzzles}),
 * exact rational arithmetic ({@link dev.banyan.search.game24.Fraction}), the step format
 * {@code 13 - 9 = 4 (left: 4 4 10)} ({@link dev.banyan.search.game24.Step}), the task with its exact
 * verifier ({@link dev.banyan.search.game24.Game24Task}), a memoised solver
 * ({@link dev.banyan.search.game24.Game24Solver}), and simulated policy and reward models
 * ({@link dev.banyan.search.game24.SimulatedPolicy}, {@link dev.banyan.search.game24.SimulatedPrm}) that let
 * the search run and be measured without any network.
 */
package dev.banyan.search.game24;
