package io.driftline.bench;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import io.driftline.learn.CsvInstances;
import io.driftline.learn.LearnerType;
import io.driftline.learn.MoaBridge;
import io.driftline.learn.OnlineLearner;
import io.driftline.learn.Votes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import moa.classifiers.AbstractClassifier;
import moa.core.Utils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Test-then-train throughput (instances per second: predict, then learn) of each learner, Driftline's
 * beside MOA's, in the same JVM on the same data: the sea_abrupt reference stream (100 000 instances,
 * 3 numeric inputs, abrupt drifts), cycled. Each measurement iteration starts from a fresh learner.
 *
 * <pre>scripts/jmh LearnersBenchmark -f 1 -wi 2 -i 3 -w 2 -r 2</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LearnersBenchmark {

    @Param({"HOEFFDING_TREE", "HOEFFDING_ADAPTIVE_TREE", "NAIVE_BAYES", "PERCEPTRON", "LOGISTIC_REGRESSION"})
    public String learner;

    @Param({"driftline", "moa"})
    public String impl;

    private CsvInstances data;
    private double[][] xs;
    private int[] ys;
    private Instance[] moaInstances;
    private InstancesHeader header;

    private OnlineLearner ours;
    private AbstractClassifier moa;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        String schemaText = resource("classification/sea_abrupt.schema.csv");
        String csv = resource("classification/sea_abrupt.csv.gz");
        data = CsvInstances.parse(csv, null, CsvInstances.parseSchema(schemaText));
        int n = data.size();
        xs = new double[n][];
        ys = new int[n];
        header = MoaBridge.headerOf(data.schema());
        moaInstances = new Instance[n];
        for (int i = 0; i < n; i++) {
            xs[i] = data.rows().get(i);
            ys[i] = (int) data.targets()[i];
            moaInstances[i] = MoaBridge.instanceOf(header, xs[i], ys[i]);
        }
    }

    @Setup(Level.Iteration)
    public void freshLearner() {
        LearnerType type = LearnerType.valueOf(learner);
        next = 0;
        if (impl.equals("moa")) {
            moa = MoaBridge.moaLearner(type, header);
            ours = null;
        } else {
            ours = MoaBridge.driftlineLearner(type, data.schema());
            moa = null;
        }
    }

    @Benchmark
    public int testThenTrain() {
        int i = next;
        next = i + 1 == xs.length ? 0 : i + 1;
        int predicted;
        if (ours != null) {
            predicted = Votes.argmax(ours.predict(xs[i]));
            ours.learn(xs[i], ys[i]);
        } else {
            Instance inst = moaInstances[i];
            predicted = Utils.maxIndex(moa.getVotesForInstance(inst));
            moa.trainOnInstance(inst);
        }
        return predicted;
    }

    private static String resource(String path) throws IOException {
        try (InputStream raw = LearnersBenchmark.class.getResourceAsStream("/streams/" + path)) {
            if (raw == null) {
                throw new IOException("missing test resource /streams/" + path);
            }
            InputStream in = path.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
