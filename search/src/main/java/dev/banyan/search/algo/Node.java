package dev.banyan.search.algo;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.TreeNode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;

/**
 * One step of a searched tree. Immutable fields are written before the node is published (by the release
 * store of its parent's child array); the rest are concurrent and reached through VarHandles, with the
 * orderings named in {@code package-info.java}.
 */
final class Node implements TreeNode {
    private static final Node[] NO_CHILDREN = new Node[0];

    private static final VarHandle STATE;
    private static final VarHandle CHILDREN;
    private static final VarHandle COUNTS;
    private static final VarHandle SELF_VISITS;
    private static final VarHandle VALUE_BITS;
    private static final VarHandle VALUE_SUM_BITS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Node.class, "state", int.class);
            CHILDREN = lookup.findVarHandle(Node.class, "children", Node[].class);
            COUNTS = lookup.findVarHandle(Node.class, "counts", long.class);
            SELF_VISITS = lookup.findVarHandle(Node.class, "selfVisits", int.class);
            VALUE_BITS = lookup.findVarHandle(Node.class, "valueBits", long.class);
            VALUE_SUM_BITS = lookup.findVarHandle(Node.class, "valueSumBits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Written once, before publication.
    private final int id;
    private final Node parent;
    private final String step;
    private final int depth;
    private final int tokenCount;
    private final double logProb;
    private final boolean terminal;
    private final double prmScore;
    private final ReasoningPath path;

    /**
     * 2 × (expansion rounds completed) + 1 while a round is in progress. Only ever grows, by CAS: 0 NEW → 1
     * EXPANDING → 2 EXPANDED → 3 WIDENING → 4 EXPANDED again → ... The thread whose CAS moves it to an odd
     * value owns that round and alone writes {@link #children} until it moves it on.
     */
    private int state;
    /** Published with release by the round's owner after the new array is complete; read with acquire. */
    private Node[] children = NO_CHILDREN;
    /**
     * Completed visits (high 32 bits) and simulations now in flight, the virtual loss (low 32 bits), in one
     * word: a backup turns one in-flight simulation into a visit with a single atomic add, and selection reads
     * both in one load. Visits equal selfVisits plus the children's visits, and in-flight is 0, once quiescent.
     */
    private long counts;
    /** Visits that ended at this node (an expansion, a rollout from it, or reaching it as a terminal). */
    private int selfVisits;
    /**
     * The value estimate V (double bits), written with release and read with acquire. Nothing orders it against
     * {@link #counts}, which selection reads opaque: a reader may pair a visit count with a V from before or
     * after the backups that count includes.
     */
    private long valueBits;
    /** Sum of backed-up values (double bits), for algorithms that average; CAS-added. */
    private long valueSumBits;

    private Node(int id, Node parent, String step, int tokenCount, double logProb, boolean terminal,
                 double prmScore, ReasoningPath path) {
        this.id = id;
        this.parent = parent;
        this.step = step;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.tokenCount = tokenCount;
        this.logProb = logProb;
        this.terminal = terminal;
        this.prmScore = prmScore;
        this.path = path;
        this.valueBits = Double.doubleToRawLongBits(parent == null ? 0 : prmScore);
    }

    static Node root(ReasoningPath question, boolean terminal) {
        return new Node(0, null, "", 0, 0, terminal, Double.NaN, question);
    }

    /** A child without token ids, not yet published; its initial V is its PRM score. */
    static Node child(int id, Node parent, String step, int tokenCount, double logProb, boolean terminal,
                      double prmScore) {
        return child(id, parent, step, null, tokenCount, logProb, terminal, prmScore);
    }

    /** A child, not yet published; its initial V is its PRM score; {@code tokenIds} as in {@link ReasoningPath#extend}. */
    static Node child(int id, Node parent, String step, long[] tokenIds, int tokenCount, double logProb,
                      boolean terminal, double prmScore) {
        return new Node(id, parent, step, tokenCount, logProb, terminal, prmScore, parent.path.extend(step, tokenIds));
    }

    // ------------------------------------------------------------------ state machine

    int stateAcquire() {
        return (int) STATE.getAcquire(this);
    }

    /** Claims the next expansion round: moves an even state to the next odd one. False if someone else got there first. */
    boolean casClaimRound(int seenEvenState) {
        return (seenEvenState & 1) == 0 && STATE.compareAndSet(this, seenEvenState, seenEvenState + 1);
    }

    /** Ends the round this thread owns; the release store publishes everything written during it. */
    void setRoundDoneRelease() {
        int current = (int) STATE.getAcquire(this);
        STATE.setRelease(this, current + 1);
    }

    /** Expansion rounds completed so far. */
    int roundsDone() {
        return stateAcquire() >>> 1;
    }

    // ------------------------------------------------------------------ children

    Node[] childrenAcquire() {
        return (Node[]) CHILDREN.getAcquire(this);
    }

    /** Publishes {@code more} after the current children. Only the owner of an expansion round may call this. */
    void appendChildrenRelease(List<Node> more) {
        Node[] old = childrenAcquire();
        Node[] grown = Arrays.copyOf(old, old.length + more.size());
        for (int i = 0; i < more.size(); i++) {
            grown[old.length + i] = more.get(i);
        }
        CHILDREN.setRelease(this, grown);
    }

    // ------------------------------------------------------------------ statistics

    /** Visits (high half) and in-flight simulations (low half) read together; see {@link #visitsOf}. */
    long countsOpaque() {
        return (long) COUNTS.getOpaque(this);
    }

    static int visitsOf(long counts) {
        return (int) (counts >>> 32);
    }

    static int inFlightOf(long counts) {
        return (int) counts;
    }

    int visitsOpaque() {
        return visitsOf(countsOpaque());
    }

    int selfVisitsOpaque() {
        return (int) SELF_VISITS.getOpaque(this);
    }

    int virtualLossOpaque() {
        return inFlightOf(countsOpaque());
    }

    /** Adds in-flight simulations (negative to take them back; the count never goes below 0, so no borrow). */
    void addVirtualLoss(int delta) {
        COUNTS.getAndAdd(this, (long) delta);
    }

    /** A visit that was in flight completes: visits + 1 and in-flight − 1, in one atomic add. */
    void completeVisit() {
        COUNTS.getAndAdd(this, (1L << 32) - 1);
    }

    /** A visit with no virtual loss taken beforehand (the sampling baselines). */
    void addVisit() {
        COUNTS.getAndAdd(this, 1L << 32);
    }

    /** Sets the visit count of a node whose visits were not kept while the search ran, once it has ended. */
    void settleVisits(int visits) {
        COUNTS.setRelease(this, (long) visits << 32);
    }

    void addSelfVisit() {
        SELF_VISITS.getAndAdd(this, 1);
    }

    double valueAcquire() {
        return Double.longBitsToDouble((long) VALUE_BITS.getAcquire(this));
    }

    void setValueRelease(double value) {
        VALUE_BITS.setRelease(this, Double.doubleToRawLongBits(value));
    }

    /** Stores V only when it changed, so backups along a settled path do not write to lines other threads read. */
    void updateValueRelease(double value) {
        long bits = Double.doubleToRawLongBits(value);
        if ((long) VALUE_BITS.getAcquire(this) != bits) {
            VALUE_BITS.setRelease(this, bits);
        }
    }

    double valueSumAcquire() {
        return Double.longBitsToDouble((long) VALUE_SUM_BITS.getAcquire(this));
    }

    /** Adds to the value sum with a CAS loop, so concurrent backups never lose an update. */
    void addValueSum(double delta) {
        long seen;
        do {
            seen = (long) VALUE_SUM_BITS.getVolatile(this);
        } while (!VALUE_SUM_BITS.compareAndSet(this, seen, Double.doubleToRawLongBits(Double.longBitsToDouble(seen) + delta)));
    }

    // ------------------------------------------------------------------ TreeNode

    @Override
    public int id() {
        return id;
    }

    @Override
    public Node parent() {
        return parent;
    }

    @Override
    public String step() {
        return step;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public boolean isTerminal() {
        return terminal;
    }

    @Override
    public double value() {
        return valueAcquire();
    }

    @Override
    public double prmScore() {
        return prmScore;
    }

    @Override
    public int visits() {
        return visitsOpaque();
    }

    @Override
    public int tokenCount() {
        return tokenCount;
    }

    @Override
    public double logProb() {
        return logProb;
    }

    @Override
    public List<Node> children() {
        return List.of(childrenAcquire());
    }

    @Override
    public ReasoningPath path() {
        return path;
    }

    @Override
    public String toString() {
        return "Node#" + id + "[" + step + ", V=" + valueAcquire() + ", n=" + visitsOpaque() + "]";
    }
}
