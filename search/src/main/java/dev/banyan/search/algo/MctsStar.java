package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.ReasoningPath;

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
final class MctsStar implements Algorithm {
    private final AlgorithmSpec.MctsStar spec;
    private final int threads;
    private final ExecutorService pool;
    private final TreeGuard guard;

    MctsStar(AlgorithmSpec.MctsStar spec, int threads, ExecutorService pool) {
        this(spec, threads, pool, TreeGuard.NONE);
    }

    MctsStar(AlgorithmSpec.MctsStar spec, int threads, ExecutorService pool, TreeGuard guard) {
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
        double own = PathScore.ownScore(terminal, spec.answerLikelihood());
        return spec.pathValueAtTerminals() ? own * pathProduct(terminal.parent()) : own;
    }

    /** The product of the PRM scores from the root's child down to {@code node} (1 for the root). */
    static double pathProduct(Node node) {
        double product = 1;
        for (Node step = node; step.parent() != null; step = step.parent()) {
            product *= step.prmScore();
        }
        return product;
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

    /** One search thread's simulations; its path stack is reused, so a visit allocates nothing of its own. */
    final class Worker {
        private final SearchRun run;
        private final Node[] stack;
        private int height;
        private final SimulationLoop simulations = new SimulationLoop(spec.idleSimulationsSlack());
        private final RootView rootView = new RootView(spec.rootRefreshSimulations());

        Worker(SearchRun run) {
            this.run = run;
            this.stack = new Node[run.task.maxSteps() + 2];
        }

        void loop() {
            simulations.run(run, this::simulate);
        }

        /** One simulation; false when it lost an expansion race and backed out without a visit. */
        boolean simulate() {
            Node leaf;
            int round;
            guard.enter();
            try {
                leaf = descend(true);
                if (leaf == null) {
                    abandon();
                    return false;
                }
                round = claimedRound;
                if (round < 0) {
                    backup(leaf);
                    return true;
                }
            } finally {
                guard.exit();
            }
            expandAndRollOut(leaf, round);
            return true;
        }

        /**
         * A visit that grows nothing: descends to a terminal, a dead end or a node not yet expanded, and backs up
         * its current value. Only selection and backup, for the benchmarks.
         */
        void selectAndBackUp() {
            guard.enter();
            try {
                Node leaf = descend(false);
                if (leaf == null) {
                    abandon();
                } else {
                    backup(leaf);
                }
            } finally {
                guard.exit();
            }
        }

        /** The expansion round {@link #descend} claimed on the leaf it returned, or -1 when it claimed none. */
        private int claimedRound;

        /**
         * Selects from the root, taking virtual loss on the way. Returns the leaf to visit — with
         * {@link #claimedRound} set when this thread now owns its expansion — or null when it must back out
         * (another thread is expanding the node it reached).
         */
        private Node descend(boolean mayExpand) {
            claimedRound = -1;
            height = 0;
            Node node = run.tree.root();
            push(node);
            while (true) {
                if (node.isTerminal()) {
                    if (node.valueAcquire() >= spec.endGate()) {
                        run.requestStop();
                    }
                    return node;
                }
                int state = node.stateAcquire();
                Node[] children = node.childrenAcquire();
                if (state == 0) {
                    if (!mayExpand) {
                        return node;
                    }
                    if (!node.casClaimRound(0)) {
                        return null;
                    }
                    claimedRound = 0;
                    return node;
                }
                if (children.length == 0) {
                    // Odd state: the first expansion is still in progress elsewhere. Even: a dead end.
                    return (state & 1) == 1 ? null : node;
                }
                boolean atRoot = height == 1;
                if (mayExpand && (state & 1) == 0 && wantsWidening(children, atRoot) && node.casClaimRound(state)) {
                    claimedRound = state >>> 1;
                    return node;
                }
                node = atRoot ? rootView.select(node, children, spec.c(), spec.infBonus(), spec.virtualLoss())
                        : UctSelection.select(node, children, spec.c(), spec.infBonus(), spec.virtualLoss());
                push(node);
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

        /**
         * Runs the expansion round this thread claimed on {@code leaf}, then rolls out and backs up. The new children
         * are published complete: terminals carry their final V, and the child to roll out from already carries
         * this simulation's virtual loss, so no thread can read a value the search never assigns or pile onto the
         * rollout's child unwarned.
         */
        private void expandAndRollOut(Node leaf, int round) {
            rootView.forget(); // a simulation that waits on the models can afford to re-read the root's children
            Node best = null;
            try {
                List<Node> fresh = Expander.propose(run, leaf, spec.branch(), false, round, 0);
                if (!fresh.isEmpty()) {
                    best = settle(fresh);
                    push(best);
                    leaf.appendChildrenRelease(fresh);
                } else if (leaf.childrenAcquire().length == 0) {
                    leaf.setValueRelease(0); // a dead end, valued before its round ends
                }
            } finally {
                leaf.setRoundDoneRelease();
            }
            if (best == null) {
                backup(leaf);
                return;
            }
            if (!best.isTerminal() && spec.rollSteps() > 0) {
                double rolled = rollOut(best);
                best.setValueRelease((1 - spec.alpha()) * best.valueAcquire() + spec.alpha() * rolled);
            }
            backup(best);
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

        /** Greedy rollout: each step takes the best-scored of {@code rollBranch} proposals; returns the best value seen. */
        private double rollOut(Node from) {
            ReasoningPath path = from.path();
            double best = from.valueAcquire();
            for (int step = 0; step < spec.rollSteps() && !run.task.isTerminal(path)
                    && path.depth() < run.task.maxSteps() && !run.shouldCut(); step++) {
                List<Expander.Candidate> candidates = Expander.sample(run, path, spec.rollBranch(), false,
                        run.seedFor(from, from.roundsDone(), 1 + step));
                if (candidates.isEmpty()) {
                    break;
                }
                double[] scores = Expander.score(run, path, candidates);
                int top = 0;
                for (int i = 1; i < scores.length; i++) {
                    if (scores[i] > scores[top]) {
                        top = i;
                    }
                }
                best = Math.max(best, scores[top]);
                path = candidates.get(top).path();
                if (candidates.get(top).endOfSequence()) {
                    break;
                }
            }
            return best;
        }

        /**
         * Takes a virtual loss on every node but the root: every simulation passes the root, so its in-flight
         * count would steer nothing, and writing it twice per simulation would make the root's line the hottest.
         */
        private void push(Node node) {
            if (height > 0) {
                node.addVirtualLoss(1);
            }
            stack[height++] = node;
        }

        /** Takes back the virtual loss of a simulation that made no visit. */
        private void abandon() {
            rootView.forget();
            for (int i = 1; i < height; i++) {
                stack[i].addVirtualLoss(-1);
            }
        }

        /** Visits the leaf (top of the stack) and sets each ancestor's V to its children's visit-weighted mean. */
        private void backup(Node leaf) {
            guard.enter();
            try {
                backUpUnguarded(leaf);
            } finally {
                guard.exit();
            }
        }

        /**
         * The root's V and visits are set once the search ends: every simulation passes the root, so writing
         * them would make its line the most contended, and selection derives N_root from the children.
         */
        private void backUpUnguarded(Node leaf) {
            leaf.addSelfVisit();
            for (int i = height - 1; i > 0; i--) {
                Node node = stack[i];
                if (node != leaf) {
                    node.updateValueRelease(weightedChildValue(node));
                }
                node.completeVisit();
            }
            rootView.afterBackup();
        }
    }
}
