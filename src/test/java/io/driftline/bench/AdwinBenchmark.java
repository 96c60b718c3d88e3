package io.driftline.bench;

import io.driftline.detect.Adwin;
import io.driftline.detect.DetectorState;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import moa.classifiers.core.driftdetection.ADWIN;
import moa.classifiers.core.driftdetection.ADWINChangeDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Updates per second of Driftline's ADWIN against MOA's on the same pre-generated stream in the same JVM:
 * {@code impl=driftline|moa} crossed with {@code mode=both} (MOA {@code ADWIN.setInput}) and
 * {@code mode=increase} (MOA {@code ADWINChangeDetector}). One invocation feeds the whole stream to a
 * fresh detector; throughput is reported per value.
 *
 * <p>Run: {@code scripts/jmh AdwinBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AdwinBenchmark {
    static final int N = 1_000_000;

    @Param({"driftline", "moa"})
    public String impl;

    @Param({"both", "increase"})
    public String mode;

    private double[] stream;
    private Adwin driftline;
    private ADWIN moaAdwin;
    private ADWINChangeDetector moaDetector;

    @Setup(Level.Trial)
    public void generate() {
        stream = gaussianWithChanges(N, 20240718L);
    }

    /** N(mu, 1) with the mean changing every 100 000 values (up and down), fixed seed. */
    static double[] gaussianWithChanges(int n, long seed) {
        Random random = new Random(seed);
        double[] means = {0, 0.5, 0.5, 1.5, 0, 0, 1, 2, 0.5, 0};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = means[(i / 100_000) % means.length] + random.nextGaussian();
        }
        return v;
    }

    @Setup(Level.Invocation)
    public void freshDetector() {
        driftline = new Adwin(Adwin.DEFAULT_DELTA, "both".equals(mode) ? Adwin.Direction.BOTH : Adwin.Direction.INCREASE);
        moaAdwin = new ADWIN(Adwin.DEFAULT_DELTA);
        moaDetector = new ADWINChangeDetector();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void update(Blackhole bh) {
        double[] s = stream;
        int drifts = 0;
        if ("driftline".equals(impl)) {
            Adwin d = driftline;
            for (double x : s) {
                if (d.update(x) == DetectorState.DRIFT) {
                    drifts++;
                }
            }
            bh.consume(d.estimate());
        } else if ("both".equals(mode)) {
            ADWIN a = moaAdwin;
            for (double x : s) {
                if (a.setInput(x)) {
                    drifts++;
                }
            }
            bh.consume(a.getEstimation());
        } else {
            ADWINChangeDetector a = moaDetector;
            for (double x : s) {
                a.input(x);
                if (a.getChange()) {
                    drifts++;
                }
            }
            bh.consume(a.getEstimation());
        }
        bh.consume(drifts);
    }
}
