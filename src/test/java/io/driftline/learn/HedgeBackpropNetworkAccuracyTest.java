package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prequential (test-then-train) accuracy on the reference streams (copied gzipped from
 * /work/shared/streams/classification, read from the classpath), against the 20-layer online-backprop
 * baseline and MOA's Hoeffding tree (expected/learners.csv, MOA 2024.07.0 defaults).
 */
class HedgeBackpropNetworkAccuracyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sea_abrupt, 0.841830", "hyperplane, 0.861150"})
    void beatsBaselineAndHoeffdingTreeWithPaperDefaults(String stream, double hoeffdingTree) throws IOException {
        Stream data = Stream.load(stream);
        Run hbp = Run.of(HedgeBackpropNetwork.fromParams(data.schema(), Map.of()), data);
        Run plain = Run.of(HedgeBackpropNetwork.fromParams(data.schema(), Map.of("hedge", false)), data);
        System.out.printf("%s: HBP %.6f, hedge=false %.6f, MOA HoeffdingTree %.6f; weighted mean depth: mean over the"
                        + " first 1%% %.3f, after the first 1%% %.3f, after the first 10%% %.3f, mean over the last 50%% %.3f%n",
                stream, hbp.accuracy, plain.accuracy, hoeffdingTree, hbp.depthFirstPercentMean, hbp.depthAtOnePercent,
                hbp.depthAtTenPercent, hbp.depthLastHalf);

        assertTrue(hbp.accuracy > plain.accuracy, "HBP " + hbp.accuracy + " vs hedge=false " + plain.accuracy);
        assertTrue(hbp.accuracy >= hoeffdingTree - 0.01, "HBP " + hbp.accuracy + " vs HoeffdingTree " + hoeffdingTree);
        // Shallow heads first, deeper heads later: the hedge weights once the first 1% of the stream has been
        // learned against their average over the last half. The weights start uniform (mean depth 10.5, the middle
        // of 20 heads) and reach the shallow heads only after the few hundred instances a head needs to beat
        // chance, so the average over the first 1% (1,000 instances here) still carries that start; it is
        // printed above and not asserted.
        assertTrue(hbp.depthAtOnePercent < 4.0, "depth after 1% " + hbp.depthAtOnePercent);
        assertTrue(hbp.depthAtOnePercent < hbp.depthLastHalf - 1.0,
                "depth after 1% " + hbp.depthAtOnePercent + " vs last half " + hbp.depthLastHalf);
        assertTrue(hbp.depthAtTenPercent < hbp.depthLastHalf - 1.0,
                "depth after 10% " + hbp.depthAtTenPercent + " vs last half " + hbp.depthLastHalf);
    }

    private record Run(double accuracy, double depthFirstPercentMean, double depthAtOnePercent, double depthAtTenPercent,
            double depthLastHalf) {

        static Run of(HedgeBackpropNetwork net, Stream data) {
            int n = data.xs.size();
            int correct = 0;
            double early = 0;
            double late = 0;
            double atOne = 0;
            double atTen = 0;
            for (int t = 0; t < n; t++) {
                double[] x = data.xs.get(t);
                int y = data.ys[t];
                double[] p = net.predict(x);
                int best = 0;
                for (int k = 1; k < p.length; k++) {
                    if (p[k] > p[best]) {
                        best = k;
                    }
                }
                if (p.length > 0 && best == y) {
                    correct++;
                }
                net.learn(x, y);
                double depth = net.weightedMeanDepth();
                if (t < n / 100) {
                    early += depth;
                }
                if (t == n / 100 - 1) {
                    atOne = depth;
                }
                if (t == n / 10 - 1) {
                    atTen = depth;
                }
                if (t >= n / 2) {
                    late += depth;
                }
            }
            return new Run(correct / (double) n, early / (n / 100), atOne, atTen, late / (n - n / 2));
        }
    }

    /** A tiny CSV reader for the reference streams: header row, numeric inputs, nominal class last. */
    record Stream(Schema schema, List<double[]> xs, int[] ys) {

        static Stream load(String name) throws IOException {
            List<String> classes = readClassValues(name);
            String path = "/streams/classification/" + name + ".csv.gz";
            try (InputStream in = HedgeBackpropNetworkAccuracyTest.class.getResourceAsStream(path)) {
                assertNotNull(in, "missing test resource " + path);
                BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
                String[] header = r.readLine().split(",");
                List<Attribute> inputs = new ArrayList<>();
                for (int i = 0; i < header.length - 1; i++) {
                    inputs.add(Attribute.numeric(header[i]));
                }
                Attribute target = Attribute.nominal(header[header.length - 1], classes);
                List<double[]> xs = new ArrayList<>();
                int[] ys = new int[16];
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.split(",");
                    double[] x = new double[f.length - 1];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = Double.parseDouble(f[i]);
                    }
                    if (xs.size() == ys.length) {
                        ys = Arrays.copyOf(ys, 2 * ys.length);
                    }
                    ys[xs.size()] = target.indexOfOrAdd(f[f.length - 1]);
                    xs.add(x);
                }
                return new Stream(new Schema(inputs, target), xs, Arrays.copyOf(ys, xs.size()));
            }
        }

        private static List<String> readClassValues(String name) throws IOException {
            String path = "/streams/classification/" + name + ".schema.csv";
            try (InputStream in = HedgeBackpropNetworkAccuracyTest.class.getResourceAsStream(path)) {
                assertNotNull(in, "missing test resource " + path);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String last = null;
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        last = line;
                    }
                }
                String[] f = last.split(",", -1);
                return List.of(f[2].split("\\|"));
            }
        }
    }
}
