package io.driftline.bench;

import io.driftline.detect.DetectorState;
import io.driftline.detect.Kswin;
import java.util.concurrent.TimeUnit;
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
 * Updates per second of Driftline's KSWIN (no MOA counterpart) with River's defaults and the docstring's
 * alpha, on the same stream as {@link AdwinBenchmark}. Run: {@code scripts/jmh KswinBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KswinBenchmark {
    static final int N = 200_000;

    @Param({"0.005", "0.0001"})
    public double alpha;

    private double[] stream;
    private Kswin kswin;

    @Setup(Level.Trial)
    public void generate() {
        stream = AdwinBenchmark.gaussianWithChanges(N, 20240718L);
    }

    @Setup(Level.Invocation)
    public void freshDetector() {
        kswin = new Kswin(alpha, Kswin.DEFAULT_WINDOW_SIZE, Kswin.DEFAULT_STAT_SIZE, Kswin.DEFAULT_SEED, Kswin.DEFAULT_AFTER_DRIFT);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void update(Blackhole bh) {
        Kswin k = kswin;
        int drifts = 0;
        for (double x : stream) {
            if (k.update(x) == DetectorState.DRIFT) {
                drifts++;
            }
        }
        bh.consume(drifts);
        bh.consume(k.estimate());
    }
}
