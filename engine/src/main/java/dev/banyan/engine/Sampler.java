package dev.banyan.engine;

import java.util.SplittableRandom;

/**
 * Picks the next token from logits: greedy (first arg-max), or sampling from the softmax of
 * {@code logits / temperature}, optionally cut to the {@code topK} most likely tokens and then to the smallest
 * set whose probability reaches {@code topP}. Sampling inverts the cumulative distribution with one uniform
 * draw, so a seeded generator gives the same token for the same logits.
 *
 * <p>Top-k selects with a bounded heap ({@code O(V log k)}, most tokens costing one comparison); top-p alone
 * orders only the tokens near enough the top to be in the nucleus. Scratch arrays are reused: one instance per
 * thread.
 */
final class Sampler {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final double temperature;
    private final int topK;
    private final double topP;
    /** Logits this far below the largest (after temperature) weigh under e^-40: left out of every sum. */
    private static final double NEGLIGIBLE = 40;

    private int[] order = new int[0];
    private double[] weight = new double[0];
    private float[] sampleWeight = new float[0];
    private double lastLogProb;

    /**
     * @param temperature 0 for greedy, else divides the logits
     * @param topK 0 for no cut, else keep the {@code topK} largest logits
     * @param topP 1 for no cut, else the nucleus mass in (0, 1]
     */
    Sampler(double temperature, int topK, double topP) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0 and finite, was " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0 = off), was " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1] (1 = off), was " + topP);
        }
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
    }

    /** The generator of proposal {@code index} of a request seeded with {@code seed}. */
    static SplittableRandom random(long seed, int index) {
        long z = seed + (index + 1L) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /**
     * Picks a token and computes its raw log-probability ({@link #lastLogProb()}) in the same passes: one for the
     * maximum, one for the sums of exponentials (skipping logits so far below the maximum that their terms
     * vanish against it), and for unrestricted sampling one more over the stored weights, with additions only.
     * Greedy takes no exponential of the temperature-scaled logits; top-k and top-p order only their candidates.
     */
    int pick(float[] logits, boolean greedy, SplittableRandom random) {
        int vocab = logits.length;
        int best = argMax(logits);
        float max = logits[best];
        if (greedy || temperature == 0) {
            lastLogProb = -Math.log(rawSum(logits, max));
            return best;
        }
        int token;
        if (topK == 0 && topP == 1) {
            ensureWeights(vocab);
            double scale = 1 / temperature;
            double floor = max - NEGLIGIBLE * Math.max(temperature, 1);
            double total = 0;
            double raw = 0;
            for (int i = 0; i < vocab; i++) {
                float logit = logits[i];
                double w = 0;
                if (logit > floor) {
                    double x = logit - max;
                    double scaled = x * scale;
                    w = scaled > -NEGLIGIBLE ? Math.exp(scaled) : 0;
                    if (temperature == 1) {
                        raw += w;
                    } else if (x > -NEGLIGIBLE) {
                        raw += Math.exp(x);
                    }
                }
                sampleWeight[i] = (float) w;
                total += (float) w;
            }
            double target = random.nextDouble() * total;
            double cumulative = 0;
            token = best; // only kept through rounding at the very end
            for (int i = 0; i < vocab; i++) {
                cumulative += sampleWeight[i];
                if (cumulative > target) {
                    token = i;
                    break;
                }
            }
            lastLogProb = logits[token] - max - Math.log(raw);
            return token;
        }
        int candidates = topK > 0 && topK < vocab ? topKDescending(logits, topK) : nucleusCandidates(logits, max);
        double total = 0;
        for (int c = 0; c < candidates; c++) {
            weight[c] = Math.exp((logits[order[c]] - max) / temperature);
            total += weight[c];
        }
        if (topP < 1) {
            double mass = 0;
            int kept = 0;
            while (kept < candidates && mass < topP * total) {
                mass += weight[kept++];
            }
            candidates = kept;
            total = mass;
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        token = order[0];
        for (int c = 0; c < candidates; c++) {
            cumulative += weight[c];
            if (cumulative > target) {
                token = order[c];
                break;
            }
        }
        lastLogProb = logits[token] - max - Math.log(rawSum(logits, max));
        return token;
    }

    /** The raw log-probability of the token the last {@link #pick} returned. */
    double lastLogProb() {
        return lastLogProb;
    }

    /**
     * {@code sum exp(logit - max)} over the logits that matter: a term below {@code exp(-NEGLIGIBLE)} of the
     * largest (which is 1) changes the sum by less than the vocabulary times that, far under float precision.
     */
    private static double rawSum(float[] logits, float max) {
        double floor = max - NEGLIGIBLE;
        double total = 0;
        for (float logit : logits) {
            if (logit > floor) {
                total += Math.exp(logit - max);
            }
        }
        return total;
    }

    /**
     * For top-p without top-k: the tokens that can be in the nucleus, ordered, in {@code order}. Tokens with a
     * weight of at least {@code threshold} times the largest are taken while the threshold falls by 2^-4 a
     * round, until their mass reaches {@code topP} of the whole (the nucleus is then among them), so only
     * those few are sorted.
     */
    private int nucleusCandidates(float[] logits, float max) {
        double total = 0;
        for (float logit : logits) {
            double x = (logit - max) / temperature;
            if (x > -NEGLIGIBLE) {
                total += Math.exp(x);
            }
        }
        for (double gap = 4; gap < NEGLIGIBLE; gap += 4) {
            double floor = max - gap * temperature;
            double mass = 0;
            int count = 0;
            for (float logit : logits) {
                if (logit >= floor) {
                    mass += Math.exp((logit - max) / temperature);
                    count++;
                }
            }
            if (mass >= topP * total) {
                return topKDescending(logits, count);
            }
        }
        return allDescending(logits);
    }

    /** {@code log softmax(logits)[token]}, of the raw logits: no temperature, no cuts. */
    static double logProb(float[] logits, int token) {
        float max = logits[argMax(logits)];
        double total = 0;
        for (float logit : logits) {
            total += Math.exp(logit - max);
        }
        return logits[token] - max - Math.log(total);
    }

    static int argMax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Fills {@code order[0, k)} with the indices of the {@code k} largest logits, largest first. */
    private int topKDescending(float[] logits, int k) {
        ensure(k);
        // Min-heap on (logit, then larger index first) so ties keep the lower index, as arg-max does.
        int size = 0;
        for (int i = 0; i < logits.length; i++) {
            if (size < k) {
                order[size] = i;
                siftUp(logits, size++);
            } else if (before(logits, i, order[0])) {
                order[0] = i;
                siftDown(logits, 0, size);
            }
        }
        for (int end = size - 1; end > 0; end--) { // heap sort: the smallest goes to the back
            int top = order[0];
            order[0] = order[end];
            order[end] = top;
            siftDown(logits, 0, end);
        }
        return size;
    }

    private int allDescending(float[] logits) {
        return topKDescending(logits, logits.length);
    }

    /** Whether token {@code a} ranks before token {@code b}. */
    private static boolean before(float[] logits, int a, int b) {
        return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
    }

    private void siftUp(float[] logits, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!before(logits, order[parent], order[at])) {
                return;
            }
            swap(parent, at);
            at = parent;
        }
    }

    private void siftDown(float[] logits, int at, int size) {
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && before(logits, order[child], order[child + 1])) {
                child++;
            }
            if (!before(logits, order[at], order[child])) {
                return;
            }
            swap(at, child);
            at = child;
        }
    }

    private void swap(int a, int b) {
        int t = order[a];
        order[a] = order[b];
        order[b] = t;
    }

    private void ensureWeights(int size) {
        if (sampleWeight.length < size) {
            sampleWeight = new float[size];
        }
    }

    private void ensure(int size) {
        if (order.length < size) {
            order = new int[size];
            weight = new double[size];
        }
    }
}
