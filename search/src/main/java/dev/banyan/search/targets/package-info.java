/**
 * Training targets extracted from a searched tree, in memory: policy SFT samples from correct traces,
 * ReST-MCTS* value targets for the reward model, per-step Monte Carlo values, and step-level preference pairs.
 * {@link dev.banyan.search.targets.TrainingTargets#extract} is the entry point; writing the targets to files is
 * left to the caller.
 */
package dev.banyan.search.targets;
