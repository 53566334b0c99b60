package dev.banyan.search.targets;

/**
 * Which value ranks two sibling steps for a preference pair. Siblings either all have a value target or none
 * has (targets are given per subtree), so a rule never mixes the two kinds within one pair.
 */
public enum PairValueSource {
    /** The ReST-MCTS* value target where the siblings have one, else the search's MC value. */
    TARGET_THEN_MC,
    /** Only the ReST-MCTS* value target; siblings without one give no pairs. */
    TARGET_ONLY,
    /** Only the search's MC value. */
    MC_ONLY
}
