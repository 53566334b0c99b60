package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.ReasoningPath;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * MCTS* of ReST-MCTS* (Zhang et al., 2024), run by many threads over one lock-free tree.
 *
 * <p>One simulation: select from the root by {@link UctSelection} down to a node that is not yet expanded;
 * claim its expansion by CAS (a thread that loses steps back and starts over), propose {@code branch} steps and
 * score them all with the PRM (their initial V); roll out greedily {@code rollSteps} steps from the best new
 * child, blending {@code V ← (1−α)·V + α·best rollout value} into it; then back up, setting each ancestor's V to
 * the visit-weighted mean of its children's V. A selected terminal leaf is itself the simulation's end. The
 * search stops early once a terminal leaf reaches {@code endGate}.
 *
 * <p>Our additions (both off in {@link AlgorithmSpec.MctsStar#faithful()}): a node whose children all have V
 * below {@code widenFloor} expands {@code branch} more children on its next visit, up to {@code maxChildren}
 * (fixed branching otherwise never recovers from a node whose sampled children are all dead ends), and so
 * does the next node with room on the path once a thread's simulations have stopped growing the tree (they
 * would only revisit finished leaves); and a terminal's V is the product of its path's PRM scores
 * ({@code pathValueAtTerminals}). Off by default: {@code answerLikelihood} judges a terminal step by the
 * policy's probability of it instead of its PRM score.
 *
 * <p>Concurrency: the root takes no virtual loss and its V and visits are set once the search ends, since
 * every simulation passes it; each thread selects at the root from its own {@link RootView}, re-read every
 * few simulations, so threads do not fetch one another's freshly written children every simulation; a child
 * with a simulation in flight loses {@code virtualLoss} of score (by default a whole unit), so threads
 * spread over different branches; each thread keeps its own count of simulations that grew nothing.
 */
final class MctsStarSearch implements Algorithm {
    private final AlgorithmSpec.MctsStar spec;
    private final int threads;
    private final ExecutorService pool;
    private final TreeGuard guard;

    MctsStarSearch(AlgorithmSpec.MctsStar spec, int threads, ExecutorService pool) {
        this(spec, threads, pool, TreeGuard.NONE);
    }

    MctsStarSearch(AlgorithmSpec.MctsStar spec, int threads, ExecutorService pool, TreeGuard guard) {
        this.spec = spec;
        this.threads = threads;
        this.pool = pool;
        this.guard = guard;
    }

    @Override
    public Choice search(SearchRun run) {
        if (!run.tree.root().isTerminal()) {
            ParallelWorkers.run(threads, pool, () -> worker(run).loop());
        }
        Node root = run.tree.root();
        root.settleVisits(root.selfVisitsOpaque() + childVisits(root));
        root.setValueRelease(weightedChildValue(root));
        return AnswerPicker.pick(run, spec.answerMode());
    }

    /**
     * A new terminal's V: its own score — its PRM score, or with {@code answerLikelihood} the policy's probability
     * of it — times, with {@code pathValueAtTerminals}, the PRM scores of the steps above it.
     */
    private double terminalValue(Node terminal) {
        return PathScore.terminalValue(terminal, spec.answerLikelihood(), spec.pathValueAtTerminals());
    }

    private static int childVisits(Node node) {
        int visits = 0;
        for (Node child : node.childrenAcquire()) {
            visits += child.visitsOpaque();
        }
        return visits;
    }

    /** The visit-weighted mean of a node's children's V (its own V while no child has a visit). */
    static double weightedChildValue(Node node) {
        double sum = 0;
        long weight = 0;
        for (Node child : node.childrenAcquire()) {
            int visits = child.visitsOpaque();
            sum += visits * child.valueAcquire();
            weight += visits;
        }
        return weight == 0 ? node.valueAcquire() : sum / weight;
    }

    Worker worker(SearchRun run) {
        return new Worker(run);
    }

    /**
     * One search thread's simulations, gathered {@code inFlight} at a time (lc0's minibatch). An iteration descends
     * again and again under virtual loss, each descent claiming its leaf's expansion round: a descent that ends at
     * a terminal or a dead end is visited at once; one that lands on a node being expanded is a collision, which
     * keeps its virtual loss until the gathering ends, so the next descent turns aside (a thread that gathered
     * nothing takes it back and waits for that expansion instead of spinning). A gathering takes at most one leaf
     * per {@code inFlightRamp} simulations made so far, and meets at most as many collisions as it may take leaves.
     * Then the iteration starts every leaf's policy call before it waits for any, so a
     * batching engine runs them together, then their PRM calls the same way; publishes each leaf's children;
     * runs the rollouts step by step in the same manner; and backs each simulation up. With {@code inFlight = 1}
     * this is the one-simulation-at-a-time loop, call for call. The path stacks are reused, so a visit allocates
     * nothing of its own.
     */
    final class Worker {
        private final SearchRun run;
        private final Path[] paths;
        /** Per gathered leaf: whether this thread holds the policy reservation of its expansion. */
        private final boolean[] reserved;
        /** Leaves gathered this iteration: {@code paths[0, gathered)}, each with a round this thread claimed. */
        private int gathered;
        /** Descents of this iteration that collided and still hold their virtual loss: {@code heldPaths[0, held)}. */
        private final Path[] heldPaths;
        private int held;
        private final SimulationLoop simulations = new SimulationLoop(spec.idleSimulationsSlack());
        private final RootView rootView = new RootView(spec.rootRefreshSimulations());

        Worker(SearchRun run) {
            this.run = run;
            this.paths = new Path[spec.inFlight()];
            for (int i = 0; i < paths.length; i++) {
                paths[i] = new Path(run.task.maxSteps() + 2);
            }
            this.reserved = new boolean[paths.length];
            this.heldPaths = new Path[paths.length > 1 ? paths.length : 0];
            for (int i = 0; i < heldPaths.length; i++) {
                heldPaths[i] = new Path(run.task.maxSteps() + 2);
            }
        }

        void loop() {
            while (!run.shouldCut()) {
                int before = run.tree.size();
                int visits = iterate();
                if (visits < 0) {
                    return;
                }
                simulations.record(run, visits, run.tree.size() > before);
            }
        }

        /**
         * A visit that grows nothing: descends to a terminal, a dead end or a node not yet expanded, and backs up
         * its current value. Only selection and backup, for the benchmarks.
         */
        void selectAndBackUp() {
            Path path = paths[0];
            guard.enter();
            try {
                Node leaf = descend(path, false);
                if (leaf == null) {
                    abandon(path);
                } else {
                    backup(path, leaf);
                }
            } finally {
                guard.exit();
            }
        }

        // -------------------------------------------------------------- gathering

        /** One iteration; returns the simulations that made a visit, or -1 when the budget had none to claim. */
        private int iterate() {
            int visits = 0;
            gathered = 0;
            held = 0;
            int limit = gatheringLimit();
            try {
                for (int i = 0; visits < limit && held < limit; i++) {
                    if (i > 0 && run.shouldCut()) {
                        break;
                    }
                    if (!run.tryClaimSimulation()) {
                        if (i == 0) {
                            return -1;
                        }
                        break;
                    }
                    Path path = paths[gathered];
                    // A thread holding reservations for calls it has not yet waited for must not wait for more.
                    long early = 0;
                    if (gathered > 0) {
                        if (!run.tryReservePolicyTokens(expansionReservation())) {
                            run.releaseSimulation();
                            break;
                        }
                        early = expansionReservation();
                    }
                    Node leaf;
                    boolean hold = false;
                    guard.enter();
                    try {
                        leaf = descend(path, true);
                        hold = leaf == null && gathered > 0;
                        if (leaf == null && !hold) {
                            abandon(path);
                        } else if (leaf != null && path.claimedRound < 0) {
                            backup(path, leaf);
                        }
                    } finally {
                        guard.exit();
                    }
                    if (leaf == null || path.claimedRound < 0) {
                        if (early > 0) {
                            run.releasePolicyTokens(early);
                        }
                        if (leaf == null) {
                            run.releaseSimulation();
                            if (!hold) {
                                run.awaitRound(path.collidedAt, path.collidedState);
                                break;
                            }
                            // lc0's collision: keep its virtual loss until the gathering ends, so the next descent
                            // turns aside to the next-best leaf instead of meeting the same expansion again
                            paths[gathered] = heldPaths[held];
                            heldPaths[held++] = path;
                            rootView.afterDescent();
                            continue;
                        }
                        visits++;
                        continue;
                    }
                    if (gathered == 0) {
                        // Nothing of this thread's is in flight: it may wait for other threads' calls to be charged.
                        reserved[0] = run.reservePolicyTokens(expansionReservation());
                        if (!reserved[0]) {
                            run.requestStop(); // the budget is spent: this leaf gets no steps
                        }
                    } else {
                        reserved[gathered] = true;
                    }
                    rootView.afterDescent();
                    gathered++;
                    visits++;
                }
            } finally {
                releaseHeld(); // before any model call: the collisions' virtual loss must not outlive the gathering
            }
            if (gathered > 0) {
                expandAndRollOut();
            }
            return visits;
        }

        /** Takes back the virtual loss of this iteration's collisions. */
        private void releaseHeld() {
            if (held == 0) {
                return;
            }
            guard.enter();
            try {
                for (int j = 0; j < held; j++) {
                    abandon(heldPaths[j]);
                }
            } finally {
                guard.exit();
                held = 0;
            }
        }

        /**
         * The most leaves this iteration gathers: {@code inFlight}, or with {@code inFlightRamp} one per that many
         * simulations the search has made so far, at least one.
         */
        private int gatheringLimit() {
            int ramp = spec.inFlightRamp();
            if (ramp == 0 || paths.length == 1) {
                return paths.length;
            }
            return (int) Math.min(paths.length, Math.max(1, run.simulationsRun() / ramp));
        }

        private long expansionReservation() {
            return (long) spec.branch() * run.maxStepTokens;
        }

        /**
         * Selects from the root, taking virtual loss on the way. Returns the leaf to visit — with
         * {@code path.claimedRound} set when this thread now owns its expansion — or null when it must back out
         * (another descent is expanding the node it reached: {@code path.collidedAt}).
         */
        private Node descend(Path path, boolean mayExpand) {
            path.claimedRound = -1;
            path.height = 0;
            Node node = run.tree.root();
            push(path, node);
            while (true) {
                if (node.isTerminal()) {
                    if (node.valueAcquire() >= spec.endGate()) {
                        run.requestStop();
                    }
                    return path.leaf = node;
                }
                int state = node.stateAcquire();
                Node[] children = node.childrenAcquire();
                if (state == 0) {
                    if (!mayExpand) {
                        return path.leaf = node;
                    }
                    if (!node.casClaimRound(0)) {
                        int now = node.stateAcquire();
                        if ((now & 1) == 0) {
                            continue; // the other thread's first expansion already ended: look at this node again
                        }
                        return path.collide(node, now);
                    }
                    path.claimedRound = 0;
                    return path.leaf = node;
                }
                if (children.length == 0) {
                    // Odd state: the first expansion is still in progress elsewhere. Even: a dead end.
                    return (state & 1) == 1 ? path.collide(node, state) : (path.leaf = node);
                }
                boolean atRoot = path.height == 1;
                if (mayExpand && (state & 1) == 0 && wantsWidening(children, atRoot) && node.casClaimRound(state)) {
                    path.claimedRound = state >>> 1;
                    return path.leaf = node;
                }
                node = atRoot ? rootView.select(node, children, spec.c(), spec.infBonus(), spec.virtualLoss())
                        : UctSelection.select(node, children, spec.c(), spec.infBonus(), spec.virtualLoss());
                push(path, node);
            }
        }

        private boolean wantsWidening(Node[] children, boolean atRoot) {
            if (spec.widenFloor() <= 0 || children.length + spec.branch() > spec.maxChildren()) {
                return false;
            }
            if (simulations.idleSimulations() >= spec.stallSimulations()) {
                return true; // selection keeps returning to finished leaves: spend the budget on new branches
            }
            if (atRoot) {
                return rootView.allBelow(children, spec.widenFloor());
            }
            for (Node child : children) {
                if (child.valueAcquire() >= spec.widenFloor()) {
                    return false;
                }
            }
            return true;
        }

        // -------------------------------------------------------------- expansion, rollout, backup

        /**
         * Runs the expansion rounds claimed on the gathered leaves, then rolls out and backs up each. All policy
         * calls start before the first is awaited, then all PRM calls. Each leaf's new children are published
         * complete: terminals carry their final V, and the child to roll out from already carries its
         * simulation's virtual loss, so no thread can read a value the search never assigns or pile onto the
         * rollout's child unwarned. Every claimed round ends, whatever fails.
         */
        private void expandAndRollOut() {
            rootView.forget(); // a simulation that waits on the models can afford to re-read the root's children
            int count = gathered;
            Expander.PendingSample[] samples = new Expander.PendingSample[count];
            Node[] best = new Node[count];
            int roundsEnded = 0;
            try {
                for (int j = 0; j < count; j++) {
                    Path path = paths[j];
                    if (reserved[j]) {
                        reserved[j] = false; // the pending call owns the reservation now
                        samples[j] = Expander.startSample(run, path.leaf.path(), spec.branch(), false,
                                run.seedFor(path.leaf, path.claimedRound, 0), expansionReservation());
                    }
                }
                Expander.PendingScores[] scores = new Expander.PendingScores[count];
                List<List<Expander.Candidate>> fresh = new ArrayList<>(count);
                for (int j = 0; j < count; j++) {
                    List<Expander.Candidate> candidates = samples[j] == null ? List.of() : samples[j].await(run);
                    samples[j] = null;
                    fresh.add(Expander.distinct(paths[j].leaf, candidates));
                    scores[j] = Expander.startScore(run, fresh.get(j));
                }
                for (int j = 0; j < count; j++) {
                    Path path = paths[j];
                    Node leaf = path.leaf;
                    double[] values = scores[j].await(run);
                    List<Node> children = new ArrayList<>(values.length);
                    for (int i = 0; i < values.length; i++) {
                        children.add(Expander.newChild(run, leaf, fresh.get(j).get(i), values[i]));
                    }
                    if (!children.isEmpty()) {
                        best[j] = settle(children);
                        push(path, best[j]);
                        leaf.appendChildrenRelease(children);
                    } else if (leaf.childrenAcquire().length == 0) {
                        leaf.setValueRelease(0); // a dead end, valued before its round ends
                    }
                    endRound(leaf);
                    roundsEnded++;
                }
            } finally {
                for (int j = 0; j < count; j++) {
                    if (samples[j] != null) {
                        samples[j].abandon(run);
                    } else if (reserved[j]) {
                        reserved[j] = false;
                        run.releasePolicyTokens(expansionReservation());
                    }
                }
                for (int j = roundsEnded; j < count; j++) {
                    endRound(paths[j].leaf);
                }
            }
            rollOut(best);
            for (int j = 0; j < count; j++) {
                backup(paths[j], best[j] != null ? best[j] : paths[j].leaf);
            }
        }

        private void endRound(Node leaf) {
            leaf.setRoundDoneRelease();
            run.roundEnded(leaf);
        }

        /**
         * Gives the unpublished {@code fresh} children their final initial V (a terminal's own rule), requests the
         * stop if a terminal reaches the gate, and returns the best of them, the first on ties.
         */
        private Node settle(List<Node> fresh) {
            if (spec.pathValueAtTerminals() || spec.answerLikelihood()) {
                for (Node child : fresh) {
                    if (child.isTerminal()) {
                        child.setValueRelease(terminalValue(child));
                    }
                }
            }
            Node best = fresh.get(0);
            for (Node child : fresh) {
                if (child.valueAcquire() > best.valueAcquire()) {
                    best = child;
                }
                if (child.isTerminal() && child.valueAcquire() >= spec.endGate()) {
                    run.requestStop();
                }
            }
            return best;
        }

        /**
         * Greedy rollouts from each non-terminal new best child: each step takes the best-scored of
         * {@code rollBranch} proposals; the best value seen is blended into the child's V. The rollouts advance
         * together, a step's policy calls all started before any is awaited, then its PRM calls.
         */
        private void rollOut(Node[] from) {
            if (spec.rollSteps() == 0) {
                return;
            }
            int count = from.length;
            ReasoningPath[] at = new ReasoningPath[count];
            double[] bestSeen = new double[count];
            boolean[] rolling = new boolean[count];
            for (int j = 0; j < count; j++) {
                if (from[j] != null && !from[j].isTerminal()) {
                    at[j] = from[j].path();
                    bestSeen[j] = from[j].valueAcquire();
                    rolling[j] = true;
                }
            }
            Expander.PendingSample[] samples = new Expander.PendingSample[count];
            Expander.PendingScores[] scores = new Expander.PendingScores[count];
            List<List<Expander.Candidate>> candidates = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                candidates.add(List.of());
            }
            long reservation = (long) spec.rollBranch() * run.maxStepTokens;
            try {
                for (int step = 0; step < spec.rollSteps(); step++) {
                    boolean holding = false;
                    for (int j = 0; j < count; j++) {
                        if (!rolling[j]) {
                            continue;
                        }
                        if (run.task.isTerminal(at[j]) || at[j].depth() >= run.task.maxSteps() || run.shouldCut()) {
                            rolling[j] = false;
                            continue;
                        }
                        if (!holding) {
                            if (!run.reservePolicyTokens(reservation)) {
                                run.requestStop();
                                rolling[j] = false;
                                continue;
                            }
                        } else if (!run.tryReservePolicyTokens(reservation)) {
                            rolling[j] = false;
                            continue;
                        }
                        holding = true;
                        samples[j] = Expander.startSample(run, at[j], spec.rollBranch(), false,
                                run.seedFor(from[j], from[j].roundsDone(), 1 + step), reservation);
                    }
                    for (int j = 0; j < count; j++) {
                        if (samples[j] != null) {
                            candidates.set(j, samples[j].await(run));
                            samples[j] = null;
                            if (candidates.get(j).isEmpty()) {
                                rolling[j] = false;
                            } else {
                                scores[j] = Expander.startScore(run, candidates.get(j));
                            }
                        }
                    }
                    for (int j = 0; j < count; j++) {
                        if (scores[j] != null) {
                            double[] values = scores[j].await(run);
                            scores[j] = null;
                            int top = 0;
                            for (int i = 1; i < values.length; i++) {
                                if (values[i] > values[top]) {
                                    top = i;
                                }
                            }
                            bestSeen[j] = Math.max(bestSeen[j], values[top]);
                            Expander.Candidate chosen = candidates.get(j).get(top);
                            at[j] = chosen.path();
                            if (chosen.endOfSequence()) {
                                rolling[j] = false;
                            }
                        }
                    }
                }
            } finally {
                for (Expander.PendingSample sample : samples) {
                    if (sample != null) {
                        sample.abandon(run);
                    }
                }
            }
            for (int j = 0; j < count; j++) {
                if (from[j] != null && !from[j].isTerminal()) {
                    from[j].setValueRelease((1 - spec.alpha()) * from[j].valueAcquire() + spec.alpha() * bestSeen[j]);
                }
            }
        }

        /**
         * Takes a virtual loss on every node but the root: every simulation passes the root, so its in-flight
         * count would steer nothing, and writing it twice per simulation would make the root's line the hottest.
         */
        private void push(Path path, Node node) {
            if (path.height > 0) {
                node.addVirtualLoss(1);
            }
            path.nodes[path.height++] = node;
        }

        /** Takes back the virtual loss of a simulation that made no visit. */
        private void abandon(Path path) {
            rootView.forget();
            for (int i = 1; i < path.height; i++) {
                path.nodes[i].addVirtualLoss(-1);
            }
        }

        /** Visits the leaf (top of the path) and sets each ancestor's V to its children's visit-weighted mean. */
        private void backup(Path path, Node leaf) {
            guard.enter();
            try {
                backUpUnguarded(path, leaf);
            } finally {
                guard.exit();
            }
        }

        /**
         * The root's V and visits are set once the search ends: every simulation passes the root, so writing
         * them would make its line the most contended, and selection derives N_root from the children.
         */
        private void backUpUnguarded(Path path, Node leaf) {
            leaf.addSelfVisit();
            for (int i = path.height - 1; i > 0; i--) {
                Node node = path.nodes[i];
                if (node != leaf) {
                    node.updateValueRelease(weightedChildValue(node));
                }
                node.completeVisit();
            }
            rootView.afterBackup();
        }
    }

    /** One descent's path from the root, reused from iteration to iteration. */
    private static final class Path {
        final Node[] nodes;
        int height;
        /** The node the descent stopped at (a terminal, a dead end, or the node whose round it claimed). */
        Node leaf;
        /** The expansion round the descent claimed on {@link #leaf}, or -1 when it claimed none. */
        int claimedRound;
        /** Where a descent that backed out met another's expansion, and the state it saw there. */
        Node collidedAt;
        int collidedState;

        Path(int capacity) {
            this.nodes = new Node[capacity];
        }

        /** Records a collision; returns null, the descent's result. */
        Node collide(Node node, int state) {
            leaf = null;
            collidedAt = node;
            collidedState = state;
            return null;
        }
    }
}
