package dev.banyan.search.algo;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import dev.banyan.search.StepScore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the policy for steps and the PRM for their scores, and builds the children they make. Identical steps
 * (after the task's normalisation) are merged: ReST-MCTS* keys children by step text.
 */
final class Expander {
    private Expander() {
    }

    /** Proposes {@code count} steps from {@code node}, scores the distinct new ones, returns unpublished children. */
    static List<Node> propose(SearchRun run, Node node, int count, boolean greedy, int round, int salt) {
        List<Candidate> candidates = sample(run, node.path(), count, greedy, run.seedFor(node, round, salt));
        List<Candidate> fresh = distinct(node, candidates);
        double[] scores = score(run, node.path(), fresh);
        List<Node> children = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            children.add(newChild(run, node, fresh.get(i), scores[i]));
        }
        return children;
    }

    /** The candidates whose steps are neither among {@code node}'s children nor repeat an earlier candidate, in order. */
    static List<Candidate> distinct(Node node, List<Candidate> candidates) {
        Set<String> seen = new HashSet<>();
        for (Node existing : node.childrenAcquire()) {
            seen.add(existing.step());
        }
        List<Candidate> fresh = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (seen.add(c.text)) {
                fresh.add(c);
            }
        }
        return fresh;
    }

    /**
     * An unpublished child of {@code parent} for {@code c}; terminal when the policy ended its output there, when
     * the task says so, or at the task's step limit.
     */
    static Node newChild(SearchRun run, Node parent, Candidate c, double prmScore) {
        boolean terminal = c.endOfSequence || run.task.isTerminal(c.path) || c.path.depth() >= run.task.maxSteps();
        return Node.child(run.tree.newId(), parent, c.text, c.tokenIds, c.tokenCount, c.logProb, terminal, prmScore);
    }

    /** One candidate step from a path, not (yet) in the tree; {@code tokenIds} as in {@link StepProposal}, or null. */
    record Candidate(String text, long[] tokenIds, int tokenCount, double logProb, boolean endOfSequence,
                     ReasoningPath path) {
        /** A candidate without token ids. */
        Candidate(String text, int tokenCount, double logProb, boolean endOfSequence, ReasoningPath path) {
            this(text, null, tokenCount, logProb, endOfSequence, path);
        }
    }

    /**
     * Asks the policy, charges its tokens, and drops empty steps; duplicates stay (callers decide). When the
     * budget is spent (or the time is up) while it waits for a reservation, asks nothing, stops the search and
     * returns no steps.
     */
    static List<Candidate> sample(SearchRun run, ReasoningPath from, int count, boolean greedy, long seed) {
        long reservation = (long) count * run.maxStepTokens;
        if (!run.reservePolicyTokens(reservation)) {
            run.requestStop();
            return List.of();
        }
        List<StepProposal> proposals;
        try {
            StepRequest request = new StepRequest(from, run.task.render(from), run.task.stopStrings(), count, greedy,
                    seed, run.maxStepTokens);
            proposals = run.await(run.policy.propose(request), "the policy");
        } catch (Throwable e) {
            run.releasePolicyTokens(reservation);
            throw e;
        }
        return candidates(run, from, proposals, reservation);
    }

    /** The candidates of {@code proposals}; charges their tokens and gives back the call's reservation. */
    private static List<Candidate> candidates(SearchRun run, ReasoningPath from, List<StepProposal> proposals,
                                              long reservation) {
        List<Candidate> out = new ArrayList<>(proposals.size());
        long tokens = 0;
        for (StepProposal p : proposals) {
            tokens += p.tokenCount();
            String text = run.task.normalizeStep(p.text());
            // The policy's ids spell the step it generated: a normalisation that changed the text voids them.
            long[] ids = text.equals(p.text()) ? p.tokenIds() : null;
            if (!text.isEmpty()) {
                out.add(new Candidate(text, ids, p.tokenCount(), p.logProb(), p.endOfSequence(), from.extend(text, ids)));
            }
        }
        run.chargePolicyTokens(tokens);
        run.releasePolicyTokens(reservation);
        return out;
    }

    /** PRM scores of each candidate's newest step, in order; charges the PRM tokens. */
    static double[] score(SearchRun run, ReasoningPath from, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return new double[0];
        }
        List<ReasoningPath> paths = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            paths.add(c.path);
        }
        List<StepScore> scores = run.await(run.scorer.score(paths), "the step scorer");
        return values(run, paths, scores);
    }

    /** The scores' values, in order; charges the PRM tokens. */
    private static double[] values(SearchRun run, List<ReasoningPath> paths, List<StepScore> scores) {
        if (scores.size() != paths.size()) {
            throw new IllegalStateException("step scorer returned " + scores.size() + " scores for " + paths.size() + " paths");
        }
        double[] values = new double[scores.size()];
        long tokens = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = scores.get(i).value();
            if (!Double.isFinite(values[i])) { // a NaN would otherwise spread through every mean above it
                throw new IllegalStateException("the step scorer gave " + values[i] + " for the step \""
                        + paths.get(i).newestStep() + "\": its scores must be finite (NaN or infinite weights in the reward model?)");
            }
            tokens += scores.get(i).tokensProcessed();
        }
        run.chargePrmTokens(tokens);
        return values;
    }

    // ------------------------------------------------------------------ calls started now, awaited later

    /**
     * Starts a policy call for which the caller holds a reservation of {@code reservation} tokens, without waiting
     * for it: a thread can start many, so that a batching engine runs them in one pass, then await each.
     */
    static PendingSample startSample(SearchRun run, ReasoningPath from, int count, boolean greedy, long seed,
                                     long reservation) {
        try {
            StepRequest request = new StepRequest(from, run.task.render(from), run.task.stopStrings(), count, greedy,
                    seed, run.maxStepTokens);
            return new PendingSample(from, reservation, run.policy.propose(request));
        } catch (RuntimeException e) {
            run.releasePolicyTokens(reservation);
            throw e;
        }
    }

    /** A policy call in flight; {@link #await} ends it as {@link #sample} would have. */
    record PendingSample(ReasoningPath from, long reservation, CompletableFuture<List<StepProposal>> answer) {
        /** Waits for the proposals; charges their tokens and gives back the reservation, also when the call failed. */
        List<Candidate> await(SearchRun run) {
            List<StepProposal> proposals;
            try {
                proposals = run.await(answer, "the policy");
            } catch (RuntimeException e) {
                run.releasePolicyTokens(reservation);
                throw e;
            }
            return candidates(run, from, proposals, reservation);
        }

        /** For a call that will never be awaited: gives back its reservation once it has ended. */
        void abandon(SearchRun run) {
            answer.whenComplete((proposals, failure) -> run.releasePolicyTokens(reservation));
        }
    }

    /** Starts scoring each candidate's newest step, without waiting; no candidates, no call. */
    static PendingScores startScore(SearchRun run, List<Candidate> candidates) {
        List<ReasoningPath> paths = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            paths.add(c.path);
        }
        return new PendingScores(paths, paths.isEmpty() ? null : run.scorer.score(paths));
    }

    /** A PRM call in flight; {@link #await} ends it as {@link #score} would have. */
    record PendingScores(List<ReasoningPath> paths, CompletableFuture<List<StepScore>> answer) {
        double[] await(SearchRun run) {
            return answer == null ? new double[0] : values(run, paths, run.await(answer, "the step scorer"));
        }
    }
}
