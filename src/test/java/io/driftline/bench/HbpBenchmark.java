package io.driftline.bench;

import io.driftline.learn.Attribute;
import io.driftline.learn.HedgeBackpropNetwork;
import io.driftline.learn.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Instances per second of test-then-train (predict, then learn on the same instance) with the paper's
 * defaults (20 hidden layers × 100 units, 10 numeric inputs, 2 classes), single thread, on a pre-generated
 * noisy-hyperplane stream. Run: {@code scripts/jmh HbpBenchmark -f 1 -wi 3 -i 5 -w 2 -r 2 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class HbpBenchmark {

    private static final int STREAM = 1 << 14;
    private static final int INPUTS = 10;

    @Param({"true", "false"})
    public boolean hedge;

    private HedgeBackpropNetwork net;
    private double[][] xs;
    private int[] ys;
    private int t;

    @Setup(Level.Trial)
    public void setUp() {
        List<Attribute> inputs = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            inputs.add(Attribute.numeric("x" + i));
        }
        Schema schema = new Schema(inputs, Attribute.nominal("class", List.of("neg", "pos")));
        net = HedgeBackpropNetwork.fromParams(schema, Map.of("hedge", hedge));
        SplittableRandom rnd = new SplittableRandom(42);
        double[] w = new double[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            w[i] = rnd.nextDouble() - 0.5;
        }
        xs = new double[STREAM][INPUTS];
        ys = new int[STREAM];
        for (int n = 0; n < STREAM; n++) {
            double s = 0;
            for (int i = 0; i < INPUTS; i++) {
                xs[n][i] = rnd.nextDouble();
                s += w[i] * (xs[n][i] - 0.5);
            }
            ys[n] = (s > 0) ^ (rnd.nextDouble() < 0.05) ? 1 : 0;
        }
        // measure a network past its first instances
        for (int n = 0; n < 2000; n++) {
            step();
        }
    }

    @Benchmark
    public double predictThenLearn() {
        return step();
    }

    private double step() {
        int i = t++ & (STREAM - 1);
        double p = net.predict(xs[i])[0];
        net.learn(xs[i], ys[i]);
        return p;
    }
}
