package dev.banyan.search.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random trees for property tests: few distinct step texts and coarse values, so duplicates and ties occur. */
final class RandomTrees {
    static final String TRUTH = "7";
    /** How many seeded trees a property test checks. */
    static final int SEEDS = 300;
    private static final String[] STEPS = {"x", "y", "z", "= 7", "= 3", "= ?"};

    private RandomTrees() {
    }

    /** Grows a tree of up to {@code size} nodes, each added under a random non-terminal node. */
    static HandTree grow(Random random, int size) {
        HandTree tree = new HandTree("q");
        List<HandTree.Node> open = new ArrayList<>(List.of(tree.root()));
        for (int i = 1; i < size && !open.isEmpty(); i++) {
            HandTree.Node parent = open.get(random.nextInt(open.size()));
            String step = STEPS[random.nextInt(STEPS.length)];
            double value = random.nextInt(11) / 10.0;
            HandTree.Node child = tree.add(parent, step, EqualsTask.isAnswer(step), value, random.nextInt(4));
            if (!child.isTerminal()) {
                open.add(child);
            }
        }
        return tree;
    }
}
