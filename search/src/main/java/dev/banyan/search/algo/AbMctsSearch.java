package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.algo.Thompson.Moments;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAccumulator;

/**
 * AB-MCTS-A, adaptive branching Monte Carlo tree search with node aggregation (Inoue et al., 2025, "Wider or
 * Deeper? Scaling LLM Inference-Time Compute with Adaptive Branching Tree Search", arXiv 2503.04412; SakanaAI's
 * TreeQuest implements it), on the same lock-free tree as MCTS*.
 *
 * <p>Fixed branching decides "wide or deep" once for every node. Here, at every node the selection passes
 * (the root included), generating one new child (GEN) is an arm that competes with continuing into an existing
 * child (CONT), by {@linkplain Thompson Thompson sampling}: GEN's posterior is fitted to the scores of the
 * children GEN made at this node, CONT's to every score backed up through its children. When CONT wins, a child
 * is chosen by Thompson sampling over its pooled scores (every score made in its subtree: the "aggregation" of
 * AB-MCTS-A; with {@code stepPrior}, one more: the product of the PRM scores along its path, or with
 * {@code stepPriorFromSubtree} the highest PRM score in its subtree). A node without
 * children can only GEN.
 *
 * <p>One simulation: select down to the node where GEN wins and claim an expansion round there by CAS; GEN
 * then samples one whole solution from that node, a step at a time (a step that repeats an existing child moves
 * into it; a new one is scored by the PRM and published at once), as TreeQuest's generator returns one scored
 * answer. The outcome is the terminal's value as MCTS* gives it (with {@code pathValueAtTerminals} the product
 * of the path's PRM scores, with {@code answerLikelihood} the policy's probability of the answer line in place
 * of its PRM score), 0 for a chain that ends without one. It is backed up into every node the simulation
 * passed (their pooled scores), the GEN arm of each node it generated at, and the CONT arm of each node
 * selection continued through. A node's V is the mean outcome of the chains through it (a Monte Carlo value); a
 * terminal's, its own value. The answer is picked from all terminals as MCTS* picks it ({@code answerMode}: the
 * best-valued terminal, or a value-weighted vote, which at the root alone is best-of-N's vote).
 *
 * <p>Departures from TreeQuest, whose nodes are whole answers: here a node is a step, so GEN samples a chain
 * to a terminal and keeps its steps in the tree (where CONT can branch off them later); CONT never descends
 * into a terminal (it cannot grow); a GEN whose first step is empty backs up 0; the root's V and visits are set
 * once the search ends, as in MCTS*. With {@code pruneBelow}, a chain also ends unfinished (outcome 0) at a step
 * the PRM scores below it, and CONT never enters that step: on a task where the PRM judges later steps well, the
 * tokens a dead chain would have spent go to chains still alive. With threads, a chain that reaches a node
 * another thread is sampling from ends there, unfinished (outcome 0). Threads: a node being
 * expanded by another thread offers only CONT, and a child loses {@link AlgorithmSpec.MctsStar#VIRTUAL_LOSS} per
 * simulation in flight through it. Each worker draws from its own seeded {@link SplittableRandom}, so one
 * thread with a seed is reproducible.
 */
final class AbMctsSearch implements Algorithm {
    /** The score a GEN that added no node backs up. */
    static final double EMPTY_GEN_SCORE = 0;

    private final AlgorithmSpec.AbMcts spec;
    private final Thompson thompson;
    private final int threads;
    private final ExecutorService pool;

    AbMctsSearch(AlgorithmSpec.AbMcts spec, int threads, ExecutorService pool) {
        this.spec = spec;
        this.thompson = new Thompson(spec);
        this.threads = threads;
        this.pool = pool;
    }

    /**
     * One node's arms. Each is an immutable {@link Moments} swapped by CAS, so backups never lose an update.
     * Created before the node is published (the release store of its parent's children), so whoever sees the
     * node finds its arms.
     */
    static final class Arms {
        /** Scores of the children GEN made here (and {@link #EMPTY_GEN_SCORE} per GEN that made none). */
        final AtomicReference<Moments> gen = new AtomicReference<>(Moments.EMPTY);
        /** Scores backed up through this node's children: what CONT is fitted to. */
        final AtomicReference<Moments> cont = new AtomicReference<>(Moments.EMPTY);
        /** Every score made in this node's subtree: what its parent's CONT draws it by. */
        final AtomicReference<Moments> pooled = new AtomicReference<>(Moments.EMPTY);
        /** The highest PRM score of a step in this node's subtree, its own included (0 for none); only grows. */
        final DoubleAccumulator bestStep = new DoubleAccumulator(Math::max, 0);

        static void observe(AtomicReference<Moments> arm, double score) {
            arm.updateAndGet(m -> m.plus(score));
        }
    }

    @Override
    public Choice search(SearchRun run) {
        return search(run, new ConcurrentHashMap<>());
    }

    /** The search, keeping every node's arms in {@code arms} (empty on entry), where tests can read them. */
    Choice search(SearchRun run, Map<Node, Arms> arms) {
        Node root = run.tree.root();
        arms.put(root, new Arms());
        if (!root.isTerminal()) {
            AtomicInteger workers = new AtomicInteger();
            ParallelWorkers.run(threads, pool, () -> new Worker(run, arms, workers.getAndIncrement()).loop());
        }
        int childVisits = 0;
        for (Node child : root.childrenAcquire()) {
            childVisits += child.visitsOpaque();
        }
        root.settleVisits(root.selfVisitsOpaque() + childVisits);
        Arms rootArms = arms.get(root);
        root.setValueRelease(rootArms.gen.get().plus(rootArms.cont.get()).meanOr(0));
        return AnswerPicker.pick(run, spec.answerMode());
    }

    /** A new node's score: its PRM score, or for a terminal the value MCTS* gives it. */
    private double scoreOf(Node node) {
        if (!node.isTerminal()) {
            return node.prmScore();
        }
        return PathScore.terminalValue(node, spec.answerLikelihood(), spec.pathValueAtTerminals());
    }

    /** A step the PRM scores below {@code pruneBelow}: a dead end, where a chain stops and CONT never goes. */
    private boolean pruned(Node node) {
        return !node.isTerminal() && node.prmScore() < spec.pruneBelow();
    }

    /** A node CONT cannot grow: a terminal, or a pruned step. */
    private boolean closed(Node node) {
        return node.isTerminal() || pruned(node);
    }

    /** One search thread's simulations. */
    final class Worker {
        private final SearchRun run;
        private final Map<Node, Arms> arms;
        private final SplittableRandom random;
        private final Node[] stack;
        private int height;
        private int claimedRound;
        private final SimulationLoop simulations = new SimulationLoop(AlgorithmSpec.MctsStar.IDLE_SIMULATIONS_SLACK);

        Worker(SearchRun run, Map<Node, Arms> arms, int index) {
            this.run = run;
            this.arms = arms;
            this.random = new SplittableRandom(run.seed * 0x9E3779B97F4A7C15L + index);
            this.stack = new Node[run.task.maxSteps() + 2];
        }

        void loop() {
            simulations.run(run, this::simulate);
        }

        /** One simulation; false when it backed out without a visit (another thread holds the only way on). */
        boolean simulate() {
            Node leaf = descend();
            if (leaf == null) {
                for (int i = 1; i < height; i++) {
                    stack[i].addVirtualLoss(-1);
                }
                return false;
            }
            if (claimedRound < 0) {
                backUpVisit(leaf);
                return true;
            }
            generate(leaf, claimedRound);
            return true;
        }

        /**
         * Selects from the root by Thompson sampling, taking virtual loss on the way. Returns the node to GEN at
         * (with {@link #claimedRound} set), a terminal root (no round claimed), or null to back out.
         */
        private Node descend() {
            claimedRound = -1;
            height = 0;
            Node node = run.tree.root();
            push(node);
            while (true) {
                if (node.isTerminal()) {
                    return node;
                }
                int state = node.stateAcquire();
                boolean genOpen = (state & 1) == 0;
                Node[] open = openChildren(node.childrenAcquire());
                Moments[] pooled = new Moments[open.length];
                double[] virtualLoss = new double[open.length];
                for (int i = 0; i < open.length; i++) {
                    pooled[i] = arms.get(open[i]).pooled.get();
                    if (spec.stepPrior()) {
                        pooled[i] = pooled[i].plus(spec.stepPriorFromSubtree() ? arms.get(open[i]).bestStep.get()
                                : PathScore.product(open[i]));
                    }
                    virtualLoss[i] = AlgorithmSpec.MctsStar.VIRTUAL_LOSS * open[i].virtualLossOpaque();
                }
                Arms here = arms.get(node);
                int arm = thompson.choose(genOpen, here.gen.get(), here.cont.get(), pooled, virtualLoss, random);
                if (arm == -1 && node.casClaimRound(state)) {
                    claimedRound = state >>> 1;
                    return node;
                }
                if (arm < 0) {
                    if (open.length == 0) {
                        return null; // another thread is generating at this node, and there is nowhere else to go
                    }
                    arm = leastLoaded(open); // lost the race for GEN: continue instead
                }
                node = open[arm];
                push(node);
            }
        }

        /** Children CONT may descend into: every one that is neither terminal nor pruned. */
        private Node[] openChildren(Node[] children) {
            int open = 0;
            for (Node child : children) {
                if (!closed(child)) {
                    open++;
                }
            }
            if (open == children.length) {
                return children;
            }
            Node[] out = new Node[open];
            int i = 0;
            for (Node child : children) {
                if (!closed(child)) {
                    out[i++] = child;
                }
            }
            return out;
        }

        private int leastLoaded(Node[] open) {
            int best = 0;
            for (int i = 1; i < open.length; i++) {
                if (open[i].virtualLossOpaque() < open[best].virtualLossOpaque()) {
                    best = i;
                }
            }
            return best;
        }

        /**
         * GEN at {@code node}, in the round this thread claimed: samples one whole chain from it, one step at a
         * time, down to a terminal. A step that repeats an existing child moves into that child; a new one is
         * scored by the PRM and published at once. The chain's outcome, its terminal's value (0 when it ends
         * without one), is backed up: into every node it passed, into the GEN arm of each node it generated at, and
         * into the CONT arm of each node selection continued through.
         */
        private void generate(Node node, int round) {
            int selected = height;
            Node at = node;
            int claimed = round;
            boolean generatedAny = false;
            while (true) {
                Node next;
                try {
                    next = step(at, claimed);
                } finally {
                    at.setRoundDoneRelease();
                }
                if (next == null) {
                    break;
                }
                generatedAny = true;
                push(next);
                if (!next.isTerminal()) {
                    for (int i = 1; i < height; i++) {
                        arms.get(stack[i]).bestStep.accumulate(next.prmScore());
                    }
                }
                at = next;
                if (at.isTerminal() || pruned(at) || run.shouldCut()) {
                    break;
                }
                int state = at.stateAcquire();
                if (!at.casClaimRound(state)) {
                    break; // another thread is sampling from here: end this chain unfinished
                }
                claimed = state >>> 1;
            }
            double outcome = at.isTerminal() ? at.valueAcquire() : EMPTY_GEN_SCORE;
            if (!generatedAny) {
                Arms.observe(arms.get(node).gen, outcome); // the policy wrote nothing usable here
            }
            for (int i = height - 1; i > 0; i--) {
                Node passed = stack[i];
                Arms passedArms = arms.get(passed);
                Arms.observe(passedArms.pooled, outcome);
                Arms parentArms = arms.get(stack[i - 1]);
                Arms.observe(i < selected ? parentArms.cont : parentArms.gen, outcome);
                if (!passed.isTerminal()) {
                    passed.updateValueRelease(passedArms.pooled.get().meanOr(0));
                }
            }
            if (at.isTerminal() && outcome >= spec.endGate()) {
                run.requestStop();
            }
            backUpVisit(at);
        }

        /**
         * One sampled step from {@code at} in the round this thread owns: the existing child it repeats, or a new
         * child, scored and published (a terminal valued as MCTS* values it); null when the policy gave no step.
         */
        private Node step(Node at, int round) {
            List<Expander.Candidate> sampled = Expander.sample(run, at.path(), 1, false, run.seedFor(at, round, 0));
            if (sampled.isEmpty()) {
                return null;
            }
            Expander.Candidate candidate = sampled.get(0);
            for (Node child : at.childrenAcquire()) {
                if (child.step().equals(candidate.text())) {
                    return child;
                }
            }
            double prm = Expander.score(run, at.path(), sampled)[0];
            Node child = Expander.newChild(run, at, candidate, prm);
            if (child.isTerminal()) {
                child.setValueRelease(scoreOf(child));
            }
            arms.put(child, new Arms());
            at.appendChildrenRelease(List.of(child));
            return child;
        }

        /** Takes virtual loss on every node but the root (every simulation passes it; its visits are set at the end). */
        private void push(Node node) {
            if (height > 0) {
                node.addVirtualLoss(1);
            }
            stack[height++] = node;
        }

        /** The visit ends at {@code leaf}, the top of the stack: its in-flight simulations become visits. */
        private void backUpVisit(Node leaf) {
            leaf.addSelfVisit();
            for (int i = height - 1; i > 0; i--) {
                stack[i].completeVisit();
            }
        }
    }
}
