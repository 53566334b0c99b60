package dev.banyan.search.targets;

/**
 * A hand-built tree that exercises every value-target rule; the ground truth is {@link #TRUTH}. Ids follow
 * creation order:
 *
 * <pre>
 * root(0)
 * ├── A(1)                 two correct leaves below, at different depths
 * │   ├── "= 7"(4)         correct
 * │   ├── A2(5)
 * │   │   └── "= 7"(9)     correct, one step further than (4)
 * │   └── A3(6)            wrong branch hanging off A
 * │       └── A31(10)      deep wrong sub-branch
 * │           └── "= 9"(12) wrong
 * ├── B(2)
 * │   ├── B1(7)
 * │   │   └── "= 7"(11)    correct
 * │   └── "= ?"(13)        UNKNOWN, so not correct: a wrong branch off B
 * └── C(3)                 no correct leaf below: hangs off the root
 *     └── "= 3"(8)         wrong
 * </pre>
 *
 * The MC values of A's children disagree with their value targets, so tests can tell which ranked a pair.
 */
final class EveryRuleTree {
    static final String QUESTION = "q";
    static final String TRUTH = "7";

    final HandTree tree = new HandTree(QUESTION);
    final HandTree.Node root = tree.root();
    final HandTree.Node a = tree.add(root, "A", false, 0.5, 4);
    final HandTree.Node b = tree.add(root, "B", false, 0.4, 3);
    final HandTree.Node c = tree.add(root, "C", false, 0.1, 2);
    final HandTree.Node a1 = tree.add(a, "= 7", true, 0.2, 1);
    final HandTree.Node a2 = tree.add(a, "A2", false, 0.6, 1);
    final HandTree.Node a3 = tree.add(a, "A3", false, 0.9, 2);
    final HandTree.Node b1 = tree.add(b, "B1", false, 0.7, 2);
    final HandTree.Node c1 = tree.add(c, "= 3", true, 0.1, 2);
    final HandTree.Node a21 = tree.add(a2, "= 7", true, 0.8, 1);
    final HandTree.Node a31 = tree.add(a3, "A31", false, 0.3, 2);
    final HandTree.Node b11 = tree.add(b1, "= 7", true, 0.9, 2);
    final HandTree.Node a311 = tree.add(a31, "= 9", true, 0.0, 1);
    final HandTree.Node b2 = tree.add(b, "= ?", true, 0.35, 1);
}
