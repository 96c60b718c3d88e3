package io.driftline.learn;

import io.driftline.detect.InvalidParameterException;
import io.driftline.detect.Params;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * An online deep network trained with Hedge Backpropagation (HBP): a deep ReLU network with a softmax
 * classifier on every hidden layer, whose outputs are mixed by weights that Hedge moves from shallow to
 * deep classifiers as the stream goes on.
 *
 * <p><b>Model (Eq. 1).</b> Hidden layers {@code h(l) = ReLU(W(l) h(l−1) + b(l))} for {@code l = 1..L},
 * {@code h(0)} the encoded input; one head per hidden layer {@code f(l) = softmax(Θ(l) h(l) + c(l))}; the
 * prediction is {@code F(x) = Σ_l α(l) f(l)(x)} with {@code α ≥ 0, Σ α = 1}. As in the official code
 * ({@code LIBOL/ODL}, {@code src/hbp/model.py}) and unlike the paper's Eq. 1, there is <em>no head on the
 * raw input</em>: there are {@code L} heads, not {@code L+1}. The raw-input head would be a linear model
 * competing with the network, and the official results were produced without it. Biases (absent from the
 * paper's notation) are used, as in Keras {@code Dense}, and start at 0.
 *
 * <p><b>Update (Algorithm 1).</b> For each instance, after predicting with the current α and the label y
 * arrives, with per-head loss {@code L(l) = CE(f(l)(x), y)} and step η:
 * <ul>
 *   <li>Eq. 2, heads: {@code Θ(l) ← Θ(l) − η α(l) ∇_Θ(l) L(l)};</li>
 *   <li>Eq. 3, hidden layers: {@code W(l) ← W(l) − η Σ_{j=l..L} α(j) ∇_W(l) L(j)};</li>
 *   <li>Hedge: {@code α(l) ← α(l) β^{ℓ(l)}}, then {@code α(l) ← max(α(l), s/L)}, then {@code α ← α / Σα}.</li>
 * </ul>
 * All gradients are taken at the weights before the update.
 *
 * <p><b>One backward sweep, O(L).</b> Eq. 2 and Eq. 3 are exactly the gradient step on the single
 * alpha-weighted loss {@code J = Σ_j α(j) L(j)} (α held fixed): head {@code j} only depends on Θ(j) and on
 * {@code W(1..j)}, so {@code ∇_W(l) J = Σ_{j≥l} α(j) ∇_W(l) L(j)} (Eq. 3) and {@code ∇_Θ(l) J = α(l) ∇_Θ(l) L(l)}
 * (Eq. 2). Instead of L backward passes (O(L²)), one sweep from layer L down to 1 computes {@code ∇J}: with
 * {@code g(l) = ∂J/∂h(l)}, the chain rule gives
 * {@code g(l) = Θ(l)ᵀ α(l)(f(l) − e_y)  +  W(l+1)ᵀ δ(l+1)} and {@code δ(l) = g(l) ⊙ 1[h(l) > 0]}: the first term is
 * head l's own path, the second carries, through layer l+1, every head {@code j > l} already summed (by
 * induction, {@code δ(l+1)} is the α-weighted sum of the heads {@code l+1..L}). Then
 * {@code ∇_W(l) J = δ(l) h(l−1)ᵀ}, {@code ∇_b(l) J = δ(l)}. Each weight is read for backpropagation and
 * written with its update in the same loop (read before write), so the update uses the old weights as
 * Algorithm 1 does. {@code HedgeBackpropNetworkGradientTest} checks this against finite differences of J.
 *
 * <p><b>Bounded hedge loss.</b> Hedge assumes {@code ℓ ∈ [0,1]}, and cross-entropy is unbounded. As the
 * official code does ({@code MyCallback}), each step's per-head cross-entropies are normalised: divided by
 * their sum, then min–max rescaled to [0,1] (the best head of the step gets 0, the worst 1; if all are
 * equal, all get 0). The min–max step alone is invariant to the division, which is kept only to mirror the
 * reference. Why not a fixed cap ({@code min(CE,1)}, {@code CE/ln(1/ε)}, {@code 1 − p(y)})? With β = 0.99
 * a weight moves by at most 1% per step, and fixed-scale losses differ between heads by a few hundredths
 * per step, so α hardly leaves its uniform start during the first thousand instances (measured on the
 * reference SEA and hyperplane streams: mean depth still ≈ 10.3 after 1%); the rank-like min–max loss
 * moves it to the shallow heads within a few hundred instances and lets deeper heads take over once they
 * are trained, the behaviour of the paper's Fig. 4. Its cost: a head that wins most steps by a little beats
 * one with a lower average loss.
 *
 * <p><b>Baseline.</b> {@code hedge = false} is plain online backpropagation of the deepest head's loss
 * through the same L layers: only head L is computed, trained and used; {@link #hedgeWeights()} is then
 * the one-hot vector on head L.
 *
 * <p><b>Classes and inputs as they come.</b> The output width starts at the schema's declared classes; a
 * target index at or past it appends zero rows to every head (the new class starts at logit 0, as every
 * class does). Inputs go through an {@link OnlineFeatureEncoder} (Welford z-scores, one-hot
 * nominal values); a nominal value met for the first time in {@link #learn} appends a zero input column to
 * W(1). Before any training {@link #predict} returns all zeros.
 *
 * <p><b>Initialisation.</b> Input layer W(1): He-uniform {@code U(±√(6/fan_in))}, so the standardised inputs
 * reach the first hidden layer at unit scale. Deeper hidden layers: Glorot-uniform
 * {@code U(±√(6/(fan_in+fan_out)))}, the Keras default of the official code; with ReLU it halves the
 * activation variance per layer, so deep heads start near silent and learn later, which is the regime the
 * paper describes (deep nets slow early, Table 3) and what HBP is built for. (He-uniform everywhere trains
 * the 20-layer baseline as fast as HBP and the hedge then has nothing to choose.) Heads start at zero:
 * every head predicts uniform at first, so α only moves once a head beats chance, and a class met later
 * starts the same way. Biases 0. The generator is SplitMix64 seeded with {@code seed}, so a network is
 * deterministic across runs and JVMs.
 *
 * <p><b>Performance.</b> Weights are flat {@code double[]} (double, so the gradient check holds to 1e-5 and
 * snapshots restore bit for bit; float would halve memory traffic but was not needed for the target). W(l)
 * is stored input-major (each input's column contiguous), Θ(l) class-major. Forward: {@code z = b + Σ_j h[j]·W[:,j]}
 * as vectorisable axpy loops over the non-zero inputs only (ReLU zeroes about half of them). Backward:
 * for each non-zero input j, {@code ∂J/∂h[j] = W[:,j]·δ} (a dot over the non-zero entries of δ, gathered once
 * per layer) read before the column update {@code W[:,j] −= η h[j] δ}; a zero input's column is unchanged
 * and its ∂J/∂h is never used (ReLU' = 0). No allocation per instance (preallocated buffers); the forward
 * pass of {@link #predict} is reused by a following {@link #learn} on equal input values (compared by
 * content, invalidated by any update). At most {@code 3·L·H²} multiply-adds per predict-and-learn, about
 * half of that in practice.
 *
 * <p><b>Parameters</b> ({@link #fromParams}):
 * <ul>
 *   <li>{@code hiddenLayers} L ≥ 1, default {@value #DEFAULT_HIDDEN_LAYERS} (paper §4.3);</li>
 *   <li>{@code hiddenUnits} ≥ 1, default {@value #DEFAULT_HIDDEN_UNITS} (paper);</li>
 *   <li>{@code learningRate} η &gt; 0, default {@value #DEFAULT_LEARNING_RATE} (paper; plain SGD, batch 1);</li>
 *   <li>{@code beta} β in (0,1), Hedge discount, default {@value #DEFAULT_BETA} (paper);</li>
 *   <li>{@code smoothing} s in (0,1), floor s/L on every α, default {@value #DEFAULT_SMOOTHING} (paper);</li>
 *   <li>{@code hedge}, default true; false gives the online-backprop baseline;</li>
 *   <li>{@code seed}, weight initialisation, default {@value #DEFAULT_SEED}.</li>
 * </ul>
 *
 * <pre>{@code
 * Schema schema = new Schema(List.of(Attribute.numeric("a"), Attribute.numeric("b")),
 *         Attribute.nominal("class", List.of("no", "yes")));
 * HedgeBackpropNetwork net = HedgeBackpropNetwork.fromParams(schema, Map.of("hiddenLayers", 8));
 * double[] x = {0.3, 1.7};
 * double[] p = net.predict(x);      // test: class probabilities (all 0 before training)
 * net.learn(x, 1);                  // then train on the revealed class
 * double depth = net.weightedMeanDepth();
 * }</pre>
 *
 * <p>MOA has no HBP (nor any deep online network); this class matches no MOA class. It is checked against
 * finite differences and against MOA's Hoeffding tree accuracy on reference streams instead.
 *
 * <p>Reference: Doyen Sahoo, Quang Pham, Jing Lu, Steven C. H. Hoi. "Online Deep Learning: Learning Deep
 * Neural Networks on the Fly". Proceedings of the 27th International Joint Conference on Artificial
 * Intelligence (IJCAI-18), pp. 2660–2666, 2018. doi:10.24963/ijcai.2018/369, arXiv:1711.03705.
 */
public final class HedgeBackpropNetwork implements OnlineLearner {

    public static final int DEFAULT_HIDDEN_LAYERS = 20;
    public static final int DEFAULT_HIDDEN_UNITS = 100;
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_BETA = 0.99;
    public static final double DEFAULT_SMOOTHING = 0.2;
    public static final boolean DEFAULT_HEDGE = true;
    public static final long DEFAULT_SEED = 1;

    static final Set<String> PARAMS =
            Set.of("hiddenLayers", "hiddenUnits", "learningRate", "beta", "smoothing", "hedge", "seed");

    private static final int MAGIC = 0x48425031; // "HBP1"
    private static final int FORMAT_VERSION = 1;

    private final Schema schema;
    private final int layers;
    private final int units;
    private final double learningRate;
    private final double beta;
    private final double smoothing;
    private final boolean hedge;
    private final long seed;
    private final OnlineFeatureEncoder encoder;

    // ----- model state (snapshotted) -----
    private int inWidth;
    private int numClasses;
    /** weights[l]: W(l) stored input-major: column j (the weights from input j to every unit) is contiguous. */
    private double[][] weights;
    private double[][] biases;
    /** heads[l]: numClasses × units, row-major (row = class). */
    private double[][] heads;
    private double[][] headBiases;
    private double[] alpha;
    private long trained;

    // ----- work buffers (not snapshotted) -----
    private double[] input;
    private double[][] act;
    private double[][] logits;
    private double[][] probs;
    private double[] logSumExp;
    private double[] headLoss;
    private double[] gradA;
    private double[] delta;
    private int[] deltaIndex;
    private double[] deltaValue;
    private double[] gradB;
    private double[] out;
    private double[] cachedX;
    private boolean cacheValid;

    /** Paper defaults, seed {@value #DEFAULT_SEED}. */
    public HedgeBackpropNetwork(Schema schema) {
        this(schema, DEFAULT_HIDDEN_LAYERS, DEFAULT_HIDDEN_UNITS, DEFAULT_LEARNING_RATE, DEFAULT_BETA,
                DEFAULT_SMOOTHING, DEFAULT_HEDGE, DEFAULT_SEED);
    }

    /**
     * @throws InvalidParameterException naming the first out-of-range parameter
     * @throws IllegalArgumentException if the schema's target is not nominal (HBP is a classifier)
     */
    public HedgeBackpropNetwork(Schema schema, int hiddenLayers, int hiddenUnits, double learningRate, double beta,
            double smoothing, boolean hedge, long seed) {
        if (!schema.isClassification()) {
            throw new IllegalArgumentException("HBP is a classifier: the target '" + schema.target().name() + "' must be nominal");
        }
        this.schema = schema;
        this.layers = Params.requireAtLeast("hiddenLayers", hiddenLayers, 1);
        this.units = Params.requireAtLeast("hiddenUnits", hiddenUnits, 1);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidParameterException("learningRate", "learningRate must be > 0, was " + learningRate);
        }
        this.learningRate = learningRate;
        this.beta = Params.requireOpenUnit("beta", beta);
        this.smoothing = Params.requireOpenUnit("smoothing", smoothing);
        this.hedge = hedge;
        this.seed = seed;
        this.encoder = new OnlineFeatureEncoder(schema);
        reset();
    }

    /** Builds from user parameters (names and defaults in the class Javadoc). */
    public static HedgeBackpropNetwork fromParams(Schema schema, Map<String, ?> params) {
        Params p = Params.of(params, PARAMS);
        return new HedgeBackpropNetwork(schema,
                p.getInt("hiddenLayers", DEFAULT_HIDDEN_LAYERS),
                p.getInt("hiddenUnits", DEFAULT_HIDDEN_UNITS),
                p.getDouble("learningRate", DEFAULT_LEARNING_RATE),
                p.getDouble("beta", DEFAULT_BETA),
                p.getDouble("smoothing", DEFAULT_SMOOTHING),
                p.getBoolean("hedge", DEFAULT_HEDGE),
                p.getLong("seed", DEFAULT_SEED));
    }

    /** Forgets everything: fresh encoder statistics, re-initialised weights (same seed), α = 1/L. */
    public void reset() {
        encoder.reset();
        inWidth = encoder.width();
        numClasses = schema.numClasses();
        long[] rng = {seed};
        weights = new double[layers][];
        biases = new double[layers][units];
        heads = new double[layers][];
        headBiases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int fanIn = l == 0 ? inWidth : units;
            weights[l] = new double[units * fanIn];
            // He-uniform on the input layer, Glorot-uniform between hidden layers (see class Javadoc)
            double limit = l == 0 ? Math.sqrt(6.0 / Math.max(1, fanIn)) : Math.sqrt(6.0 / (fanIn + units));
            fillUniform(weights[l], limit, rng);
            heads[l] = new double[numClasses * units];
            headBiases[l] = new double[numClasses];
        }
        alpha = new double[layers];
        resetAlpha();
        trained = 0;
        allocateBuffers();
    }

    private void resetAlpha() {
        if (hedge) {
            Arrays.fill(alpha, 1.0 / layers);
        } else {
            Arrays.fill(alpha, 0.0);
            alpha[layers - 1] = 1.0;
        }
    }

    private void allocateBuffers() {
        input = new double[inWidth];
        act = new double[layers][units];
        logits = new double[layers][numClasses];
        probs = new double[layers][numClasses];
        logSumExp = new double[layers];
        headLoss = new double[layers];
        gradA = new double[units];
        delta = new double[units];
        deltaIndex = new int[units];
        deltaValue = new double[units];
        gradB = new double[units];
        out = new double[numClasses];
        cachedX = new double[encoder.numInputs()];
        cacheValid = false;
    }

    // ----- OnlineLearner -----

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public LearnerType type() {
        return LearnerType.HBP;
    }

    /**
     * F(x) = Σ α(l) f(l)(x), one probability per class known so far; all zeros before any training. The
     * returned array is reused by the next call.
     */
    @Override
    public double[] predict(double[] x) {
        if (trained == 0) {
            checkInput(x);
            Arrays.fill(out, 0.0);
            return out;
        }
        encoder.encode(x, input);
        forward();
        System.arraycopy(x, 0, cachedX, 0, cachedX.length);
        cacheValid = true;
        Arrays.fill(out, 0.0);
        for (int l = hedge ? 0 : layers - 1; l < layers; l++) {
            double a = alpha[l];
            double[] p = probs[l];
            for (int k = 0; k < numClasses; k++) {
                out[k] += a * p[k];
            }
        }
        return out;
    }

    /**
     * One step of Algorithm 1 on a revealed class index.
     *
     * @throws IllegalArgumentException if {@code target} is not a non-negative integer class index
     */
    @Override
    public void learn(double[] x, double target) {
        if (!(target >= 0 && target < OnlineFeatureEncoder.MAX_NOMINAL_VALUES) || target != Math.rint(target)) {
            throw new IllegalArgumentException("target must be a class index >= 0, was " + target);
        }
        int y = (int) target;
        checkInput(x);
        if (encoder.admit(x)) {
            growInputs(encoder.width());
        }
        if (y >= numClasses) {
            growClasses(y + 1);
        }
        if (!(cacheValid && Arrays.equals(x, cachedX))) {
            encoder.encode(x, input);
            forward();
        }
        cacheValid = false;
        backward(y);
        if (hedge) {
            hedgeUpdate(y);
        }
        encoder.update(x);
        trained++;
    }

    // ----- metrics -----

    /** A copy of α, one weight per head from the shallowest (depth 1) to the deepest (depth L). */
    public double[] hedgeWeights() {
        return alpha.clone();
    }

    /** Σ_l α(l)·l with depths 1..L: where the ensemble's weight sits. */
    public double weightedMeanDepth() {
        double d = 0;
        for (int l = 0; l < layers; l++) {
            d += alpha[l] * (l + 1);
        }
        return d;
    }

    /** Instances learned. */
    public long trainedInstances() {
        return trained;
    }

    public int hiddenLayers() {
        return layers;
    }

    public int hiddenUnits() {
        return units;
    }

    public boolean hedge() {
        return hedge;
    }

    /** Output width: classes known so far. */
    public int numClasses() {
        return numClasses;
    }

    /** Width of the encoded input (grows with nominal values). */
    public int inputWidth() {
        return inWidth;
    }

    public OnlineFeatureEncoder encoder() {
        return encoder;
    }

    // ----- forward / backward -----

    private void forward() {
        double[] in = input;
        int n = inWidth;
        for (int l = 0; l < layers; l++) {
            double[] w = weights[l];
            double[] a = act[l];
            System.arraycopy(biases[l], 0, a, 0, units);
            // z += h(l−1)[j] · column j, over the non-zero inputs only (ReLU zeroes about half of them)
            for (int j = 0, off = 0; j < n; j++, off += units) {
                double v = in[j];
                if (v != 0.0) {
                    axpy(a, w, off, v, units);
                }
            }
            for (int i = 0; i < units; i++) {
                if (!(a[i] > 0.0)) {
                    a[i] = 0.0;
                }
            }
            if (hedge || l == layers - 1) {
                head(l);
            }
            in = a;
            n = units;
        }
    }

    private void head(int l) {
        double[] t = heads[l];
        double[] c = headBiases[l];
        double[] o = logits[l];
        double[] p = probs[l];
        double[] a = act[l];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0, off = 0; k < numClasses; k++, off += units) {
            double v = c[k] + dot(t, off, a, units);
            o[k] = v;
            if (v > max) {
                max = v;
            }
        }
        double sum = 0;
        for (int k = 0; k < numClasses; k++) {
            double e = Math.exp(o[k] - max);
            p[k] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int k = 0; k < numClasses; k++) {
            p[k] *= inv;
        }
        logSumExp[l] = max + Math.log(sum);
    }

    /** The single O(L) sweep: gradient step on J = Σ α(j) CE(f(j), y) for every head and hidden layer. */
    private void backward(int y) {
        double lr = learningRate;
        double[] g = gradA;      // ∂J/∂h(l)
        double[] gIn = gradB;    // ∂J/∂h(l−1), accumulated from δ(l)
        Arrays.fill(g, 0.0);
        for (int l = layers - 1; l >= 0; l--) {
            double[] a = act[l];
            double al = alpha[l];
            if (al != 0.0) {
                double[] t = heads[l];
                double[] c = headBiases[l];
                double[] p = probs[l];
                for (int k = 0, off = 0; k < numClasses; k++, off += units) {
                    double d = al * (k == y ? p[k] - 1.0 : p[k]);
                    if (d != 0.0) {
                        backpropAndUpdate(t, off, a, g, units, d, lr * d);
                        c[k] -= lr * d;
                    }
                }
            }
            double[] in = l == 0 ? input : act[l - 1];
            int n = l == 0 ? inWidth : units;
            double[] w = weights[l];
            double[] b = biases[l];
            int m = 0; // δ is zero wherever the unit is inactive: keep the non-zero entries for the dot products
            for (int i = 0; i < units; i++) {
                double d = a[i] > 0.0 ? g[i] : 0.0;
                delta[i] = d;
                if (d != 0.0) {
                    b[i] -= lr * d;
                    deltaIndex[m] = i;
                    deltaValue[m++] = d;
                }
            }
            if (l > 0) {
                Arrays.fill(gIn, 0.0);
            }
            if (m > 0) {
                // column j: ∂J/∂h(l−1)[j] = column · δ (old weights), then column −= η h(l−1)[j] δ.
                // A zero input leaves its column unchanged, and its ∂J/∂h is never used (ReLU' = 0 there).
                for (int j = 0, off = 0; j < n; j++, off += units) {
                    double v = in[j];
                    if (v != 0.0) {
                        if (l > 0) {
                            gIn[j] = sparseDot(w, off, deltaIndex, deltaValue, m);
                        }
                        axpyInto(w, delta, off, -lr * v, units);
                    }
                }
            }
            double[] tmp = g;
            g = gIn;
            gIn = tmp;
        }
    }

    /** Official-code normalisation of the per-head losses to [0,1], then Hedge, floor s/L, renormalise. */
    private void hedgeUpdate(int y) {
        double sum = 0;
        for (int l = 0; l < layers; l++) {
            double ce = logSumExp[l] - logits[l][y];
            headLoss[l] = ce > 0 ? ce : 0.0;
            sum += headLoss[l];
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        if (sum > 0) {
            for (int l = 0; l < layers; l++) {
                double v = headLoss[l] / sum;
                headLoss[l] = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double range = max - min;
        double logBeta = Math.log(beta);
        double floor = smoothing / layers;
        double total = 0;
        for (int l = 0; l < layers; l++) {
            double loss = range > 0 ? (headLoss[l] - min) / range : 0.0;
            double a = alpha[l] * Math.exp(loss * logBeta);
            a = Math.max(a, floor);
            alpha[l] = a;
            total += a;
        }
        double inv = 1.0 / total;
        for (int l = 0; l < layers; l++) {
            alpha[l] *= inv;
        }
    }

    // ----- kernels (kept tiny so that C2 inlines and unrolls/vectorizes them) -----

    static double dot(double[] w, int off, double[] x, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j <= n - 4; j += 4) {
            s0 += w[off + j] * x[j];
            s1 += w[off + j + 1] * x[j + 1];
            s2 += w[off + j + 2] * x[j + 2];
            s3 += w[off + j + 3] * x[j + 3];
        }
        for (; j < n; j++) {
            s0 += w[off + j] * x[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ_k w[off + idx[k]] · val[k] over k < m. */
    static double sparseDot(double[] w, int off, int[] idx, double[] val, int m) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k <= m - 4; k += 4) {
            s0 += w[off + idx[k]] * val[k];
            s1 += w[off + idx[k + 1]] * val[k + 1];
            s2 += w[off + idx[k + 2]] * val[k + 2];
            s3 += w[off + idx[k + 3]] * val[k + 3];
        }
        for (; k < m; k++) {
            s0 += w[off + idx[k]] * val[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** y[0..n) += v · w[off .. off+n) */
    static void axpy(double[] y, double[] w, int off, double v, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += v * w[off + i];
        }
    }

    /** w[off .. off+n) += v · x[0..n) */
    static void axpyInto(double[] w, double[] x, int off, double v, int n) {
        for (int i = 0; i < n; i++) {
            w[off + i] += v * x[i];
        }
    }

    /** gIn += d · w[row]; w[row] −= step · in (each weight read before it is written). */
    static void backpropAndUpdate(double[] w, int off, double[] in, double[] gIn, int n, double d, double step) {
        for (int j = 0; j < n; j++) {
            double wj = w[off + j];
            gIn[j] += d * wj;
            w[off + j] = wj - step * in[j];
        }
    }

    // ----- growth -----

    private void growInputs(int newWidth) {
        weights[0] = Arrays.copyOf(weights[0], newWidth * units); // new zero columns at the end
        inWidth = newWidth;
        input = new double[newWidth];
        cacheValid = false;
    }

    private void growClasses(int newClasses) {
        for (int l = 0; l < layers; l++) {
            heads[l] = Arrays.copyOf(heads[l], newClasses * units);
            headBiases[l] = Arrays.copyOf(headBiases[l], newClasses);
            logits[l] = new double[newClasses];
            probs[l] = new double[newClasses];
        }
        numClasses = newClasses;
        out = new double[newClasses];
        cacheValid = false;
    }

    // ----- snapshot -----

    /**
     * Format 1, big-endian: magic "HBP1", version, L, H, hedge, input width, classes, instances learned,
     * α[L], then per layer W(l) (input-major), b(l), Θ(l) (class-major), c(l) as doubles, then the encoder's
     * statistics (its own version, counts, means, M2, nominal slot maps). 1.7 MB with the paper defaults.
     */
    @Override
    public byte[] snapshot() {
        int doubles = layers;
        for (int l = 0; l < layers; l++) {
            doubles += weights[l].length + units + heads[l].length + numClasses;
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * 7 + 8 + 8 * doubles + encoder.snapshotSize());
        buf.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(layers).putInt(units).putInt(hedge ? 1 : 0)
                .putInt(inWidth).putInt(numClasses).putLong(trained);
        putAll(buf, alpha);
        for (int l = 0; l < layers; l++) {
            putAll(buf, weights[l]);
            putAll(buf, biases[l]);
            putAll(buf, heads[l]);
            putAll(buf, headBiases[l]);
        }
        encoder.writeTo(buf);
        return buf.array();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a snapshot of a network with the same
     *     hiddenLayers, hiddenUnits and hedge
     */
    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer buf = ByteBuffer.wrap(snapshot);
        try {
            if (buf.getInt() != MAGIC) {
                throw new IllegalArgumentException("not an HBP snapshot");
            }
            int version = buf.getInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported HBP snapshot version " + version);
            }
            int l0 = buf.getInt();
            int h0 = buf.getInt();
            boolean hedge0 = buf.getInt() == 1;
            if (l0 != layers || h0 != units || hedge0 != hedge) {
                throw new IllegalArgumentException("snapshot of a network with hiddenLayers=" + l0 + ", hiddenUnits=" + h0
                        + ", hedge=" + hedge0 + " does not fit hiddenLayers=" + layers + ", hiddenUnits=" + units
                        + ", hedge=" + hedge);
            }
            int in0 = buf.getInt();
            int k0 = buf.getInt();
            if (in0 < 0 || k0 < 0 || (long) in0 * units > Integer.MAX_VALUE || (long) k0 * units > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("corrupt HBP snapshot");
            }
            long trained0 = buf.getLong();
            double[] alpha0 = getAll(buf, layers);
            double[][] w0 = new double[layers][];
            double[][] b0 = new double[layers][];
            double[][] t0 = new double[layers][];
            double[][] c0 = new double[layers][];
            for (int l = 0; l < layers; l++) {
                w0[l] = getAll(buf, units * (l == 0 ? in0 : units));
                b0[l] = getAll(buf, units);
                t0[l] = getAll(buf, k0 * units);
                c0[l] = getAll(buf, k0);
            }
            encoder.readFrom(buf);
            if (encoder.width() != in0) {
                throw new IllegalArgumentException("corrupt HBP snapshot: input width " + in0 + " vs encoder " + encoder.width());
            }
            inWidth = in0;
            numClasses = k0;
            trained = trained0;
            alpha = alpha0;
            weights = w0;
            biases = b0;
            heads = t0;
            headBiases = c0;
            allocateBuffers();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated HBP snapshot", e);
        }
    }

    private static void putAll(ByteBuffer buf, double[] a) {
        buf.asDoubleBuffer().put(a);
        buf.position(buf.position() + 8 * a.length);
    }

    private static double[] getAll(ByteBuffer buf, int n) {
        if (n < 0 || (long) n * 8 > buf.remaining()) {
            throw new BufferUnderflowException();
        }
        double[] a = new double[n];
        buf.asDoubleBuffer().get(a);
        buf.position(buf.position() + 8 * n);
        return a;
    }

    // ----- package-private hooks for the gradient test -----

    /** J = Σ_l α(l) CE(f(l)(x), y) at the current weights and α (no update). */
    double alphaWeightedLoss(double[] x, int y) {
        encoder.encode(x, input);
        forward();
        cacheValid = false;
        double j = 0;
        for (int l = 0; l < layers; l++) {
            if (alpha[l] != 0.0) {
                j += alpha[l] * (logSumExp[l] - logits[l][y]);
            }
        }
        return j;
    }

    /** The live parameter arrays in a fixed order: W(l), b(l), Θ(l), c(l) for each layer. */
    double[][] parameterArrays() {
        double[][] all = new double[4 * layers][];
        for (int l = 0; l < layers; l++) {
            all[4 * l] = weights[l];
            all[4 * l + 1] = biases[l];
            all[4 * l + 2] = heads[l];
            all[4 * l + 3] = headBiases[l];
        }
        return all;
    }

    double learningRate() {
        return learningRate;
    }

    /** CE of head l (0-based) on class y for the last forward pass. */
    double headCrossEntropy(int l, int y) {
        return logSumExp[l] - logits[l][y];
    }

    // ----- helpers -----

    private void checkInput(double[] x) {
        if (x.length != encoder.numInputs()) {
            throw new IllegalArgumentException("instance has " + x.length + " values, schema has " + encoder.numInputs() + " inputs");
        }
    }

    /** SplitMix64 → uniform in (−limit, limit). */
    private static void fillUniform(double[] a, double limit, long[] state) {
        for (int i = 0; i < a.length; i++) {
            long z = (state[0] += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            double u = (z >>> 11) * 0x1.0p-53;
            a[i] = (2 * u - 1) * limit;
        }
    }
}
