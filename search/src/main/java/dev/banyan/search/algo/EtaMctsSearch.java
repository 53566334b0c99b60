package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.TreeNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * η-MCTS of AlphaLLM (Tian et al., 2024), run by many threads over one lock-free tree.
 *
 * <p>One simulation: select from the root by {@link MeanUctSelection}; at each non-terminal node, if it has
 * fewer children than {@link ProgressiveWidening} allows and its last round added one, claim the next round by
 * CAS and add one child instead of descending (a thread that loses the claim descends among the existing
 * children, or steps back when there are none yet). The child's step is drawn with {@link StateMerge}, scored
 * by the PRM and judged by the {@link Critic}; that critic value is backed up as a mean ({@code Q =
 * valueSum / visits}) from the new child to the root. A selected terminal backs up its critic value again. A
 * round that adds nothing (every draw empty or identical to a sibling) ends the node's widening; a node left
 * with no children is a dead end, valued 0.
 *
 * <p>During the search a node's V is its critic value (what widening compares); when the search ends V
 * becomes Q, the mean backed-up value, and the answer is the terminal with the best Q.
 */
record EtaMctsSearch(AlgorithmSpec.EtaMcts spec, int threads, ExecutorService pool) implements Algorithm {
    @Override
    public Choice search(SearchRun run) {
        if (!run.tree.root().isTerminal()) {
            ParallelWorkers.run(threads, pool, () -> new SimulationLoop(spec.idleSimulationsSlack()).run(run, new Worker(run)::simulate));
        }
        for (TreeNode view : run.tree.nodes()) {
            Node node = (Node) view;
            int visits = node.visitsOpaque();
            if (visits > 0) {
                node.setValueRelease(node.valueSumAcquire() / visits);
            }
        }
        return AnswerPicker.pick(run, AlgorithmSpec.AnswerMode.BEST_VALUE);
    }

    /** One search thread's simulations; its path stack is reused. */
    private final class Worker {
        private final SearchRun run;
        private final Node[] stack;
        private int height;

        Worker(SearchRun run) {
            this.run = run;
            this.stack = new Node[run.task.maxSteps() + 2];
        }

        /** One simulation; false when it found the first child of a node being added and backed out. */
        boolean simulate() {
            height = 0;
            Node node = run.tree.root();
            push(node);
            while (true) {
                if (node.isTerminal()) {
                    backup(node, node.valueAcquire());
                    return true;
                }
                int state = node.stateAcquire();
                Node[] children = node.childrenAcquire();
                boolean exhausted = (state >>> 1) > children.length;
                if ((state & 1) == 0 && !exhausted
                        && children.length < ProgressiveWidening.allowed(spec, node, children)
                        && node.casClaimRound(state)) {
                    widen(node, state >>> 1);
                    return true;
                }
                if (children.length == 0) {
                    if (!exhausted) { // its first child is being added elsewhere
                        abandon();
                        return false;
                    }
                    backup(node, 0);
                    return true;
                }
                node = MeanUctSelection.select(node, children, spec.c());
                push(node);
            }
        }

        /** Runs the round this thread claimed on {@code node}: one more child, judged and backed up. */
        private void widen(Node node, int round) {
            Node child = null;
            try {
                Expander.Candidate step = StateMerge.choose(attempt -> draw(node, round, attempt), siblingSteps(node),
                        spec.mergeDistance(), spec.mergeResamples());
                if (step != null) {
                    double prm = Expander.score(run, node.path(), List.of(step))[0];
                    child = Expander.newChild(run, node, step, prm);
                    child.setValueRelease(Critic.value(run, spec, child));
                    push(child); // in flight before anyone can see it
                    node.appendChildrenRelease(List.of(child));
                }
            } finally {
                node.setRoundDoneRelease();
            }
            if (child != null) {
                backup(child, child.valueAcquire());
            } else if (node.childrenAcquire().length == 0) {
                node.setValueRelease(0);
                backup(node, 0);
            } else {
                backup(node, node.valueSumAcquire() / Math.max(1, node.visitsOpaque())); // leaves Q where it was
            }
        }

        private Expander.Candidate draw(Node node, int round, int attempt) {
            if (run.shouldCut()) {
                return null;
            }
            List<Expander.Candidate> drawn = Expander.sample(run, node.path(), 1, false, run.seedFor(node, round, attempt));
            return drawn.isEmpty() ? null : drawn.get(0);
        }

        private List<String> siblingSteps(Node node) {
            Node[] children = node.childrenAcquire();
            List<String> steps = new ArrayList<>(children.length);
            for (Node child : children) {
                steps.add(child.step());
            }
            return steps;
        }

        private void push(Node node) {
            node.addVirtualLoss(1);
            stack[height++] = node;
        }

        /** Takes back the virtual loss of a simulation that made no visit. */
        private void abandon() {
            for (int i = 0; i < height; i++) {
                stack[i].addVirtualLoss(-1);
            }
        }

        /** Visits the top of the stack and adds {@code value} to the value sum of every node on the path. */
        private void backup(Node leaf, double value) {
            leaf.addSelfVisit();
            for (int i = height - 1; i >= 0; i--) {
                Node node = stack[i];
                node.addValueSum(value);
                node.completeVisit();
            }
        }
    }
}
