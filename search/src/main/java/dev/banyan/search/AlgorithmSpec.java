package dev.banyan.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which search algorithm to run, with its settings. Each record has a {@code defaults()} factory holding the
 * settings of the paper it follows; {@link #parse} maps the command-line names to those defaults.
 */
public sealed interface AlgorithmSpec {

    /** The command-line name of the algorithm. */
    String name();

    /** Names accepted by {@link #parse}. */
    List<String> NAMES = List.of("greedy", "self-consistency", "best-of-n", "beam", "dvts", "mcts-star", "eta-mcts",
            "ab-mcts");

    /** The default settings of the algorithm with this command-line name. */
    static AlgorithmSpec parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "greedy" -> new Greedy();
            case "self-consistency" -> SelfConsistency.defaults();
            case "best-of-n" -> BestOfN.defaults();
            case "beam" -> Beam.defaults();
            case "dvts" -> Dvts.defaults();
            case "mcts-star" -> MctsStar.defaults();
            case "eta-mcts" -> EtaMcts.defaults();
            case "ab-mcts" -> AbMcts.defaults();
            default -> throw new IllegalArgumentException(
                    "unknown algorithm '" + name + "'; expected one of " + String.join(", ", NAMES));
        };
    }

    /**
     * The algorithm with this command-line name, its defaults overridden by {@code settings} (record component
     * name → value: a number, a boolean, or an enum constant's name, in any case and with {@code -} for
     * {@code _}), e.g. a model's shipped settings read from JSON; a null value keeps the default. An unknown
     * setting or a value of the wrong kind fails with a message naming it.
     */
    static AlgorithmSpec parse(String name, Map<String, ?> settings) {
        return AlgorithmSettings.bind(parse(name), settings);
    }

    /** The first pass's width (beams of beam search, subtrees of DVTS) when the width is derived from the budget. */
    int PILOT_WIDTH = 4;

    // The records' with-methods each spell the canonical constructor: Java 17 records have no with-expressions.

    /** Chains of self-consistency and best-of-N with {@code samples} 0 and no token budget to derive them from. */
    int UNBUDGETED_SAMPLES = 64;

    /** How best-of-N picks among sampled answers. */
    enum BestOfNMode { WEIGHTED, ARGMAX, MAJORITY }

    /** How MCTS* picks the answer among terminal leaves. */
    enum AnswerMode { BEST_VALUE, VALUE_VOTE }

    /** One chain, the most likely step each time. */
    record Greedy() implements AlgorithmSpec {
        public String name() {
            return "greedy";
        }
    }

    /**
     * Sampled chains until the budget ends (at most {@code samples}; 0: as many as the token budget pays for, or
     * {@value #UNBUDGETED_SAMPLES} without a token budget); majority vote over their answers. Chains sample at
     * the policy's own temperature (a model setting, in its {@code banyan.json}).
     */
    record SelfConsistency(int samples) implements AlgorithmSpec {
        public SelfConsistency {
            nonNegative("samples", samples);
        }

        public static SelfConsistency defaults() {
            return new SelfConsistency(0);
        }

        public String name() {
            return "self-consistency";
        }
    }

    /**
     * Sampled chains scored by the PRM; the answer chosen by {@code mode} over aggregated path scores. {@code samples}
     * caps the chains; 0 (the default) samples until the token budget ends, as self-consistency does.
     *
     * @param answerLikelihood in the vote, a chain's answer step counts with the policy's probability of it
     *     ({@code exp(logProb)}) in place of its PRM score, the other steps as the aggregation says; with
     *     {@code PROD} a chain weighs what MCTS*'s {@code answerLikelihood} gives its terminal. Off by default.
     */
    record BestOfN(int samples, BestOfNMode mode, Aggregation aggregation, boolean answerLikelihood)
            implements AlgorithmSpec {
        public BestOfN {
            nonNegative("samples", samples);
        }

        public BestOfN(int samples, BestOfNMode mode, Aggregation aggregation) {
            this(samples, mode, aggregation, false);
        }

        public static BestOfN defaults() {
            return new BestOfN(0, BestOfNMode.WEIGHTED, Aggregation.LAST);
        }

        public String name() {
            return "best-of-n";
        }
    }

    /**
     * Step-level beam search: keep {@code width} paths, expand each {@code expansions} ways, rank by the PRM.
     * Width 0 (the default) derives it from the token budget: a pass of width {@value #PILOT_WIDTH}, then passes
     * whose width is scaled to the tokens left by what the previous pass cost, until the budget is spent.
     */
    record Beam(int width, int expansions, Aggregation aggregation) implements AlgorithmSpec {
        public Beam {
            nonNegative("width", width);
            positive("expansions", expansions);
        }

        public static Beam defaults() {
            return new Beam(0, 4, Aggregation.LAST);
        }

        public String name() {
            return "beam";
        }
    }

    /**
     * Diverse verifier tree search: {@code width / expansions} independent subtrees, a beam of one in each. Width 0
     * (the default) derives the subtrees from the token budget: {@value #PILOT_WIDTH} subtrees first, then more,
     * scaled to the tokens left by what the first cost, until the budget is spent.
     *
     * <p>{@link Beam}'s settings, kept in a record of its own: each algorithm is one record of this sealed
     * interface, and here the width counts subtrees times expansions.
     */
    record Dvts(int width, int expansions, Aggregation aggregation) implements AlgorithmSpec {
        public Dvts {
            nonNegative("width", width);
            positive("expansions", expansions);
            if (width != 0 && width < expansions) {
                throw new IllegalArgumentException("dvts width (" + width + ") must be >= expansions (" + expansions + ")");
            }
        }

        public static Dvts defaults() {
            return new Dvts(0, 4, Aggregation.LAST);
        }

        public String name() {
            return "dvts";
        }
    }

    /**
     * MCTS* of ReST-MCTS*.
     *
     * @param c exploration constant of {@code V + c·sqrt(2·ln N_parent / n_child)}
     * @param infBonus added to an unvisited child's V instead of the exploration term
     * @param branch children proposed and scored per expansion
     * @param rollSteps greedy rollout length from the best new child
     * @param rollBranch proposals per rollout step (the best-scored one is followed)
     * @param alpha weight of the rollout's best value when blended into the child's V
     * @param endGate stop once a terminal leaf reaches this value
     * @param answerMode how the answer is chosen among terminal leaves
     * @param widenFloor when every child of a node is below this, its next visit expands {@code branch} more;
     *                   0 turns widening off (the paper's fixed branching)
     * @param maxChildren the most children widening may grow a node to
     * @param pathValueAtTerminals a terminal leaf's V is the product of the PRM scores along its path (the chance,
     *                             by the PRM, that every step is right) instead of its last step's score alone;
     *                             ReST-MCTS*'s value model scores whole solutions, and a step-level PRM's score of
     *                             an answer line alone often cannot tell a slip upstream. False in the faithful variant.
     * @param answerLikelihood a terminal step is judged by the policy's probability of it ({@code exp(logProb)})
     *                         instead of its PRM score: for a task whose answer line is a rewrite of the steps
     *                         above it, the policy that learned the rewrite can judge it better than a PRM
     *                         (see the Game-of-24 model card). Off by default and in the faithful variant.
     * @param virtualLoss score taken off a child per simulation in flight through it, so concurrent threads
     *                    spread over siblings; with one thread nothing is ever in flight and it changes nothing
     * @param stallSimulations after this many simulations in a row on one thread that grew nothing, the next node
     *                         on the path with room widens (with widening on)
     * @param idleSimulationsSlack a thread stops the search once its simulations that grew nothing in a row pass
     *                             the tree's size by this much: the tree is exhausted
     * @param rootRefreshSimulations a thread re-reads its copy of the root's children's statistics at least every
     *                               this many selections (see {@code RootView}); with one thread the copy is
     *                               always current
     * @param inFlight simulations each search thread keeps in flight: it gathers up to this many leaves under
     *                 virtual loss, then asks the models for all of them at once, so that one thread fills a
     *                 batched engine's passes; 1 (the default) is the classic one simulation at a time, and gives
     *                 the same seeded results as before this setting existed
     * @param inFlightRamp with {@code inFlight > 1}, a gathering takes at most one leaf per this many simulations
     *                     the search has made so far (and at least one), so the first simulations go one at a time,
     *                     each choosing with what the last one learned, and a small search is not spent almost
     *                     blind in two or three gatherings; 0 lets every gathering take {@code inFlight}. No effect
     *                     with {@code inFlight = 1}
     */
    record MctsStar(double c, double infBonus, int branch, int rollSteps, int rollBranch, double alpha,
                    double endGate, AnswerMode answerMode, double widenFloor, int maxChildren,
                    boolean pathValueAtTerminals, boolean answerLikelihood, double virtualLoss, int stallSimulations,
                    int idleSimulationsSlack, int rootRefreshSimulations, int inFlight, int inFlightRamp)
            implements AlgorithmSpec {
        /** Default of {@link #virtualLoss}: a whole unit of V, so the next thread takes the best free sibling. */
        public static final double VIRTUAL_LOSS = 1.0;
        /** Default of {@link #stallSimulations}. */
        public static final int STALL_SIMULATIONS = 20;
        /** Default of {@link #idleSimulationsSlack}. */
        public static final int IDLE_SIMULATIONS_SLACK = 1000;
        /** Default of {@link #rootRefreshSimulations}. */
        public static final int ROOT_REFRESH_SIMULATIONS = 64;
        /** Default of {@link #inFlightRamp}. */
        public static final int IN_FLIGHT_RAMP = 2;

        public MctsStar {
            nonNegative("c", c);
            positive("branch", branch);
            if (rollSteps < 0) {
                throw new IllegalArgumentException("rollSteps must be >= 0, was " + rollSteps);
            }
            positive("rollBranch", rollBranch);
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in [0,1], was " + alpha);
            }
            nonNegative("widenFloor", widenFloor);
            if (maxChildren < branch) {
                throw new IllegalArgumentException("maxChildren (" + maxChildren + ") must be >= branch (" + branch + ")");
            }
            nonNegative("virtualLoss", virtualLoss);
            if (Double.isInfinite(virtualLoss)) {
                throw new IllegalArgumentException("virtualLoss must be finite, was " + virtualLoss);
            }
            positive("stallSimulations", stallSimulations);
            nonNegative("idleSimulationsSlack", idleSimulationsSlack);
            positive("rootRefreshSimulations", rootRefreshSimulations);
            positive("inFlight", inFlight);
            if (inFlightRamp < 0) {
                throw new IllegalArgumentException("inFlightRamp must be >= 0, was " + inFlightRamp);
            }
        }

        /** The settings before {@code inFlightRamp}, which takes its default. */
        public MctsStar(double c, double infBonus, int branch, int rollSteps, int rollBranch, double alpha,
                        double endGate, AnswerMode answerMode, double widenFloor, int maxChildren,
                        boolean pathValueAtTerminals, boolean answerLikelihood, double virtualLoss,
                        int stallSimulations, int idleSimulationsSlack, int rootRefreshSimulations, int inFlight) {
            this(c, infBonus, branch, rollSteps, rollBranch, alpha, endGate, answerMode, widenFloor, maxChildren,
                    pathValueAtTerminals, answerLikelihood, virtualLoss, stallSimulations, idleSimulationsSlack,
                    rootRefreshSimulations, inFlight, IN_FLIGHT_RAMP);
        }

        /** The settings before {@code inFlight}, with one simulation in flight per thread. */
        public MctsStar(double c, double infBonus, int branch, int rollSteps, int rollBranch, double alpha,
                        double endGate, AnswerMode answerMode, double widenFloor, int maxChildren,
                        boolean pathValueAtTerminals, boolean answerLikelihood, double virtualLoss,
                        int stallSimulations, int idleSimulationsSlack, int rootRefreshSimulations) {
            this(c, infBonus, branch, rollSteps, rollBranch, alpha, endGate, answerMode, widenFloor, maxChildren,
                    pathValueAtTerminals, answerLikelihood, virtualLoss, stallSimulations, idleSimulationsSlack,
                    rootRefreshSimulations, 1);
        }

        /** The settings up to {@code answerLikelihood}; the concurrency tunings at their defaults. */
        public MctsStar(double c, double infBonus, int branch, int rollSteps, int rollBranch, double alpha,
                        double endGate, AnswerMode answerMode, double widenFloor, int maxChildren,
                        boolean pathValueAtTerminals, boolean answerLikelihood) {
            this(c, infBonus, branch, rollSteps, rollBranch, alpha, endGate, answerMode, widenFloor, maxChildren,
                    pathValueAtTerminals, answerLikelihood, VIRTUAL_LOSS, STALL_SIMULATIONS, IDLE_SIMULATIONS_SLACK,
                    ROOT_REFRESH_SIMULATIONS);
        }

        /** The paper's evaluation settings (c = 0.4), with widening on. */
        public static MctsStar defaults() {
            return new MctsStar(0.4, 0.9, 3, 1, 3, 0.5, 0.9, AnswerMode.BEST_VALUE, 0.1, 12, true, false);
        }

        /** The paper's MCTS*: fixed branching (widening off), terminals valued by their own score. */
        public MctsStar faithful() {
            return new MctsStar(c, infBonus, branch, rollSteps, rollBranch, alpha, endGate, answerMode, 0, maxChildren,
                    false, false, virtualLoss, stallSimulations, idleSimulationsSlack, rootRefreshSimulations, inFlight,
                    inFlightRamp);
        }

        public MctsStar withC(double newC) {
            return new MctsStar(newC, infBonus, branch, rollSteps, rollBranch, alpha, endGate, answerMode, widenFloor, maxChildren,
                    pathValueAtTerminals, answerLikelihood, virtualLoss, stallSimulations, idleSimulationsSlack,
                    rootRefreshSimulations, inFlight, inFlightRamp);
        }

        public MctsStar withBranch(int newBranch) {
            return new MctsStar(c, infBonus, newBranch, rollSteps, rollBranch, alpha, endGate, answerMode, widenFloor,
                    Math.max(maxChildren, newBranch), pathValueAtTerminals, answerLikelihood, virtualLoss,
                    stallSimulations, idleSimulationsSlack, rootRefreshSimulations, inFlight, inFlightRamp);
        }

        public MctsStar withAnswerMode(AnswerMode mode) {
            return new MctsStar(c, infBonus, branch, rollSteps, rollBranch, alpha, endGate, mode, widenFloor, maxChildren,
                    pathValueAtTerminals, answerLikelihood, virtualLoss, stallSimulations, idleSimulationsSlack,
                    rootRefreshSimulations, inFlight, inFlightRamp);
        }

        /** The same settings with {@code count} simulations in flight per thread. */
        public MctsStar withInFlight(int count) {
            return new MctsStar(c, infBonus, branch, rollSteps, rollBranch, alpha, endGate, answerMode, widenFloor,
                    maxChildren, pathValueAtTerminals, answerLikelihood, virtualLoss, stallSimulations,
                    idleSimulationsSlack, rootRefreshSimulations, count, inFlightRamp);
        }

        /** The same settings with this {@link #inFlightRamp} (0: every gathering may take {@code inFlight}). */
        public MctsStar withInFlightRamp(int ramp) {
            return new MctsStar(c, infBonus, branch, rollSteps, rollBranch, alpha, endGate, answerMode, widenFloor,
                    maxChildren, pathValueAtTerminals, answerLikelihood, virtualLoss, stallSimulations,
                    idleSimulationsSlack, rootRefreshSimulations, inFlight, ramp);
        }

        public String name() {
            return "mcts-star";
        }
    }

    /**
     * η-MCTS of AlphaLLM: progressive widening to {@code max(cMin, min(floor(wideningAlpha·I(s)) + 1, cMax))}
     * children, with {@code I(s) = max_o |v([s,o]) − v(s)|}; state merge by edit distance; a critic mixing
     * value, PRM and outcome scores of fast rollouts; UCT selection. A thread stops the search once its
     * simulations that added nothing in a row pass the tree's size by {@code idleSimulationsSlack}.
     */
    record EtaMcts(double c, int cMin, int cMax, double wideningAlpha, int mergeDistance, int mergeResamples,
                   double betaValue, double betaPrm, double betaOrm, int fastRollouts, int idleSimulationsSlack)
            implements AlgorithmSpec {
        public EtaMcts {
            nonNegative("c", c);
            positive("cMin", cMin);
            if (cMax < cMin) {
                throw new IllegalArgumentException("cMax (" + cMax + ") must be >= cMin (" + cMin + ")");
            }
            nonNegative("wideningAlpha", wideningAlpha);
            if (mergeDistance < 0 || mergeResamples < 0 || fastRollouts < 0) {
                throw new IllegalArgumentException("mergeDistance, mergeResamples and fastRollouts must be >= 0");
            }
            nonNegative("betaValue", betaValue);
            nonNegative("betaPrm", betaPrm);
            nonNegative("betaOrm", betaOrm);
            if (betaValue + betaPrm + betaOrm == 0) {
                throw new IllegalArgumentException("at least one of betaValue, betaPrm, betaOrm must be positive");
            }
            nonNegative("idleSimulationsSlack", idleSimulationsSlack);
        }

        /** The settings up to {@code fastRollouts}; {@code idleSimulationsSlack} at its default. */
        public EtaMcts(double c, int cMin, int cMax, double wideningAlpha, int mergeDistance, int mergeResamples,
                       double betaValue, double betaPrm, double betaOrm, int fastRollouts) {
            this(c, cMin, cMax, wideningAlpha, mergeDistance, mergeResamples, betaValue, betaPrm, betaOrm, fastRollouts,
                    MctsStar.IDLE_SIMULATIONS_SLACK);
        }

        public static EtaMcts defaults() {
            return new EtaMcts(1.0, 2, 6, 10.0, 20, 5, 0.0, 1.0, 0.0, 0);
        }

        public EtaMcts withMergeDistance(int distance) {
            return new EtaMcts(c, cMin, cMax, wideningAlpha, distance, mergeResamples, betaValue, betaPrm, betaOrm, fastRollouts,
                    idleSimulationsSlack);
        }

        public String name() {
            return "eta-mcts";
        }
    }

    /** The prior of AB-MCTS's Thompson sampling over step scores. */
    enum ThompsonPrior { GAUSSIAN, BETA }

    /**
     * AB-MCTS-A, adaptive branching with node aggregation (Inoue et al., 2025, "Wider or Deeper?"; SakanaAI's
     * TreeQuest): at every node, the root included, "sample a new chain from here" (GEN) competes by Thompson
     * sampling with "continue into an existing child" (CONT); a child is then chosen by Thompson sampling over
     * the scores pooled from its subtree. A chain's score is its terminal's value as MCTS* gives it, 0 for a
     * chain that ends without one.
     *
     * @param prior {@code GAUSSIAN} (normal-inverse-gamma, the paper's default) or {@code BETA}
     * @param priorMean the Gaussian prior's mean {@code m}
     * @param kappa the Gaussian prior's pseudo-count for the mean
     * @param nu the Gaussian prior's pseudo-count for the variance
     * @param tauSquare the Gaussian prior's scale of the variance
     * @param betaA the Beta prior's {@code α} (Jeffreys: 0.5)
     * @param betaB the Beta prior's {@code β} (Jeffreys: 0.5)
     * @param answerMode how the answer is chosen among the tree's terminals
     * @param endGate stop once a terminal reaches this value (above 1: never)
     * @param pathValueAtTerminals a terminal's score is its own times the PRM scores of the steps above it, as in MCTS*
     * @param answerLikelihood a terminal's own score is the policy's probability of it, as in MCTS*
     * @param stepPrior CONT draws a child with one more score beside the outcomes pooled under it: the product of
     *                  the PRM scores along its path, so that before its chains say much, a child the PRM
     *                  trusts is preferred to one it does not
     * @param stepPriorFromSubtree with {@code stepPrior}, the extra score is the highest PRM score of any step in
     *                             the child's subtree, itself included, instead of its path product: a step-tag
     *                             PRM judges a whole prefix, so a live step below vouches for every step above it
     * @param pruneBelow a new step (not an answer) the PRM scores below this ends its chain there, unfinished, and
     *                   CONT never enters it: the tokens go to chains the PRM still believes in; 0 turns it off
     */
    record AbMcts(ThompsonPrior prior, double priorMean, double kappa, double nu, double tauSquare, double betaA,
                  double betaB, AnswerMode answerMode, double endGate, boolean pathValueAtTerminals,
                  boolean answerLikelihood, boolean stepPrior, boolean stepPriorFromSubtree, double pruneBelow)
            implements AlgorithmSpec {
        public AbMcts {
            if (prior == null || answerMode == null) {
                throw new IllegalArgumentException("prior and answerMode must be given");
            }
            if (!(kappa > 0 && nu > 0 && tauSquare > 0 && betaA > 0 && betaB > 0)) {
                throw new IllegalArgumentException("kappa, nu, tauSquare, betaA and betaB must be > 0, were "
                        + kappa + ", " + nu + ", " + tauSquare + ", " + betaA + ", " + betaB);
            }
            if (!Double.isFinite(priorMean)) {
                throw new IllegalArgumentException("priorMean must be finite, was " + priorMean);
            }
            nonNegative("endGate", endGate);
            if (!(pruneBelow >= 0 && pruneBelow <= 1)) {
                throw new IllegalArgumentException("pruneBelow must be in [0,1], was " + pruneBelow);
            }
        }

        /** TreeQuest's defaults (Gaussian m 0, κ 1, ν 1, τ² 0.1; Beta 0.5/0.5), no early stop, MCTS*'s terminal values. */
        public static AbMcts defaults() {
            return new AbMcts(ThompsonPrior.GAUSSIAN, 0, 1, 1, 0.1, 0.5, 0.5, AnswerMode.BEST_VALUE, 2, true, false,
                    false, false, 0);
        }

        public AbMcts withPrior(ThompsonPrior newPrior) {
            return new AbMcts(newPrior, priorMean, kappa, nu, tauSquare, betaA, betaB, answerMode, endGate,
                    pathValueAtTerminals, answerLikelihood, stepPrior, stepPriorFromSubtree, pruneBelow);
        }

        public AbMcts withStepPrior(boolean newStepPrior) {
            return new AbMcts(prior, priorMean, kappa, nu, tauSquare, betaA, betaB, answerMode, endGate,
                    pathValueAtTerminals, answerLikelihood, newStepPrior, stepPriorFromSubtree, pruneBelow);
        }

        public AbMcts withStepPriorFromSubtree(boolean fromSubtree) {
            return new AbMcts(prior, priorMean, kappa, nu, tauSquare, betaA, betaB, answerMode, endGate,
                    pathValueAtTerminals, answerLikelihood, stepPrior, fromSubtree, pruneBelow);
        }

        public AbMcts withPruneBelow(double newPruneBelow) {
            return new AbMcts(prior, priorMean, kappa, nu, tauSquare, betaA, betaB, answerMode, endGate,
                    pathValueAtTerminals, answerLikelihood, stepPrior, stepPriorFromSubtree, newPruneBelow);
        }

        public AbMcts withAnswerMode(AnswerMode mode) {
            return new AbMcts(prior, priorMean, kappa, nu, tauSquare, betaA, betaB, mode, endGate,
                    pathValueAtTerminals, answerLikelihood, stepPrior, stepPriorFromSubtree, pruneBelow);
        }

        public String name() {
            return "ab-mcts";
        }
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    private static void nonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + value);
        }
    }

    private static void nonNegative(String what, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + value);
        }
    }
}
