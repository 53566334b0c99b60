package dev.banyan.search.algo;

/**
 * One search thread's copy of the root's children's statistics, which its root selections read instead of
 * the live nodes. Every simulation of every thread starts at the root, so re-reading each child there every
 * time would fetch, once per simulation, the lines of the children that other threads are writing; that
 * traffic, not the atomics, is what kept two threads from outrunning one.
 *
 * <p>The copy of the child this thread just backed up through is re-read at once. The whole copy is re-read
 * after a simulation that expanded a node or backed out of a race ({@link #forget}), whenever the root's child
 * array changes, and after {@code refreshSimulations} selections in a row without one of those. So only
 * simulations that merely revisit finished nodes — those cheap enough for this traffic to matter — see other
 * threads' visits and virtual loss late, by at most that many selections; deeper levels are read live; and
 * with one thread the copy always equals the live values, so single-thread searches are unchanged.
 */
final class RootView {
    private final int refreshSimulations;
    private Node[] children = new Node[0];
    private long[] counts = new long[0];
    private double[] values = new double[0];
    private int selectionsSinceRefresh;
    private int lastChosen = -1;

    /** A copy re-read at least every {@code refreshSimulations} selections. */
    RootView(int refreshSimulations) {
        this.refreshSimulations = refreshSimulations;
    }

    /** The child of {@code root} to descend into, by {@link UctSelection}'s maths over this copy. */
    Node select(Node root, Node[] liveChildren, double c, double infBonus, double virtualLoss) {
        if (liveChildren != children || ++selectionsSinceRefresh >= refreshSimulations) {
            refresh(liveChildren);
        }
        int parentVisits = root.selfVisitsOpaque();
        for (long childCounts : counts) {
            parentVisits += Node.visitsOf(childCounts) + Node.inFlightOf(childCounts);
        }
        double logParent = Math.log(Math.max(1, parentVisits));
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < children.length; i++) {
            double score = UctSelection.score(counts[i], values[i], logParent, c, infBonus, virtualLoss);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        lastChosen = best;
        return children[best];
    }

    /** True when every child's V in this copy is below {@code floor} (the widening rule at the root). */
    boolean allBelow(Node[] liveChildren, double floor) {
        if (liveChildren != children) {
            refresh(liveChildren);
        }
        for (double value : values) {
            if (value >= floor) {
                return false;
            }
        }
        return true;
    }

    /** Drops the copy: the next selection re-reads every child. */
    void forget() {
        children = new Node[0];
        lastChosen = -1;
    }

    /**
     * Re-reads the child last selected, after a descent through it that stays in flight, so that this thread's
     * next descent sees its virtual loss (a thread gathering many leaves); with one leaf at a time it changes nothing.
     */
    void afterDescent() {
        afterBackup();
    }

    /** Re-reads the child last selected, after this thread's backup through it. */
    void afterBackup() {
        if (lastChosen >= 0) {
            read(lastChosen);
            lastChosen = -1;
        }
    }

    private void refresh(Node[] liveChildren) {
        if (liveChildren.length != counts.length) {
            counts = new long[liveChildren.length];
            values = new double[liveChildren.length];
        }
        children = liveChildren;
        for (int i = 0; i < liveChildren.length; i++) {
            read(i);
        }
        selectionsSinceRefresh = 0;
        lastChosen = -1;
    }

    private void read(int i) {
        counts[i] = children[i].countsOpaque();
        values[i] = children[i].valueAcquire();
    }
}
