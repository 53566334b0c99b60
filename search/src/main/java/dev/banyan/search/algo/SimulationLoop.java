package dev.banyan.search.algo;

import java.util.function.BooleanSupplier;

/**
 * One search worker's loop over simulations claimed from the budget, shared by the MCTS algorithms (MCTS*
 * runs its own, gathering many simulations per iteration, and counts them here). It keeps
 * the worker's streak of simulations that grew nothing (per worker: a shared count would be contended) and
 * stops the search when the streak passes the tree's size by {@code idleSlack}: the tree is exhausted.
 */
final class SimulationLoop {
    private final int idleSlack;
    private int idleSimulations;

    SimulationLoop(int idleSlack) {
        this.idleSlack = idleSlack;
    }

    /**
     * Simulations in a row, of this worker, that added no node; an iteration's gathered simulations count together,
     * all idle when none of them added one.
     */
    int idleSimulations() {
        return idleSimulations;
    }

    /** Runs {@code simulate} until the budget or a stop; it returns false when it backed out without a visit. */
    void run(SearchRun run, BooleanSupplier simulate) {
        while (!run.shouldCut() && run.tryClaimSimulation()) {
            int before = run.tree.size();
            if (!simulate.getAsBoolean()) {
                run.releaseSimulation();
                Thread.onSpinWait();
                continue;
            }
            record(run, 1, run.tree.size() > before);
        }
    }

    /**
     * Counts {@code visits} simulations that ran together (a gathering thread's iteration); {@code grew}: they added
     * a node. Stops the search once the streak that grew nothing passes the tree's size by the slack.
     */
    void record(SearchRun run, int visits, boolean grew) {
        if (visits == 0) {
            return;
        }
        if (grew) {
            idleSimulations = 0;
        } else if ((idleSimulations += visits) > idleSlack + run.tree.size()) {
            run.stopExhausted();
        }
    }
}
