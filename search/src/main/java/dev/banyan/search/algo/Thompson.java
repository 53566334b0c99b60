package dev.banyan.search.algo;

import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.AlgorithmSpec.ThompsonPrior;

import java.util.random.RandomGenerator;

/**
 * Thompson sampling over scores in [0, 1], as AB-MCTS uses it: each arm's observed scores update a conjugate
 * prior, one mean is drawn from each arm's posterior, and the largest draw wins.
 *
 * <p>Gaussian: a normal-inverse-gamma prior {@code (m, κ, ν, τ²)} on the scores' mean and variance, updated as in
 * Murphy, <i>Probabilistic Machine Learning: Advanced Topics</i>, §3.4.3.3; the mean's marginal posterior is a
 * Student-t with {@code ν_n} degrees of freedom, location {@code m_n} and scale {@code sqrt(τ²_n / κ_n)}, which
 * is what is drawn. (TreeQuest draws σ² from the inverse gamma, then the mean from a normal: the same law.)
 * Beta: {@code Beta(α + Σs, β + Σ(1 − s))}, scores read as fractional successes.
 */
final class Thompson {
    private final ThompsonPrior prior;
    private final double m;
    private final double kappa;
    private final double nu;
    private final double tauSquare;
    private final double alpha;
    private final double beta;

    Thompson(AlgorithmSpec.AbMcts spec) {
        this.prior = spec.prior();
        this.m = spec.priorMean();
        this.kappa = spec.kappa();
        this.nu = spec.nu();
        this.tauSquare = spec.tauSquare();
        this.alpha = spec.betaA();
        this.beta = spec.betaB();
    }

    /** Count, sum and sum of squares of an arm's scores; immutable, so an arm is one atomically swapped reference. */
    record Moments(long n, double sum, double sumSquares) {
        static final Moments EMPTY = new Moments(0, 0, 0);

        Moments plus(double score) {
            return new Moments(n + 1, sum + score, sumSquares + score * score);
        }

        Moments plus(Moments other) {
            return new Moments(n + other.n, sum + other.sum, sumSquares + other.sumSquares);
        }

        /** The scores' mean, or {@code otherwise} with none. */
        double meanOr(double otherwise) {
            return n == 0 ? otherwise : sum / n;
        }
    }

    /** One draw of the arm's mean score from its posterior. */
    double sample(Moments observed, RandomGenerator random) {
        if (prior == ThompsonPrior.BETA) {
            double successes = Math.min(observed.sum(), observed.n());
            return beta(random, alpha + successes, beta + observed.n() - successes);
        }
        long n = observed.n();
        double mean = observed.meanOr(0);
        double squares = Math.max(0, observed.sumSquares() - n * mean * mean); // n × the sample variance
        double kappaN = kappa + n;
        double nuN = nu + n;
        double mN = (kappa * m + n * mean) / kappaN;
        double tauSquareN = (nu * tauSquare + squares + n * kappa * (m - mean) * (m - mean) / kappaN) / nuN;
        return mN + Math.sqrt(tauSquareN / kappaN) * studentT(random, nuN);
    }

    /**
     * The arm AB-MCTS takes at a node: -1 for GEN, else the index of the chosen child. Draws, in this order,
     * GEN's mean (only if {@code genOpen}), CONT's mean, then each child's mean less {@code virtualLoss[i]}; GEN
     * wins when its draw is at least CONT's (or no child is given), and a child needs a strictly larger draw
     * than those before it, as in TreeQuest. With no child and GEN closed, returns -2: nothing to take.
     */
    int choose(boolean genOpen, Moments gen, Moments cont, Moments[] children, double[] virtualLoss,
               RandomGenerator random) {
        if (children.length == 0) {
            return genOpen ? -1 : -2;
        }
        if (genOpen) {
            double genDraw = sample(gen, random);
            double contDraw = sample(cont, random);
            if (genDraw >= contDraw) {
                return -1;
            }
        }
        int best = -1;
        double bestDraw = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < children.length; i++) {
            double draw = sample(children[i], random) - virtualLoss[i];
            if (best < 0 || draw > bestDraw) {
                best = i;
                bestDraw = draw;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ draws

    /** A Student-t variate with {@code nu} degrees of freedom: {@code Z / sqrt(χ²_ν / ν)}. */
    static double studentT(RandomGenerator random, double nu) {
        double z = random.nextGaussian();
        double chiSquare = 2 * gamma(random, nu / 2);
        return z / Math.sqrt(chiSquare / nu);
    }

    /** A Beta(a, b) variate: {@code X / (X + Y)} with {@code X ~ Gamma(a)}, {@code Y ~ Gamma(b)}. */
    static double beta(RandomGenerator random, double a, double b) {
        double x = gamma(random, a);
        double y = gamma(random, b);
        double sum = x + y;
        return sum == 0 ? 0.5 : x / sum;
    }

    /** A Gamma(shape, 1) variate (Marsaglia and Tsang, 2000; shapes below 1 boosted by {@code U^(1/shape)}). */
    static double gamma(RandomGenerator random, double shape) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
