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
        System.out.printf("%s: HBP %.6f, hedge=false %.6f, MOA HoeffdingTree %.6f; mean depth first 1%% %.3f,"
                        + " end of first 10%% %.3f, last 50%% %.3f%n",
                stream, hbp.accuracy, plain.accuracy, hoeffdingTree, hbp.depthFirstPercent, hbp.depthAtTenPercent,
                hbp.depthLastHalf);

        assertTrue(hbp.accuracy > plain.accuracy, "HBP " + hbp.accuracy + " vs hedge=false " + plain.accuracy);
        assertTrue(hbp.accuracy >= hoeffdingTree - 0.01, "HBP " + hbp.accuracy + " vs HoeffdingTree " + hoeffdingTree);
        // shallow heads first, deeper heads later. The average over the first 1% is printed but not asserted:
        // it includes the few hundred instances α needs to leave its uniform start (mean depth 10.5), and it
        // lands on either side of the last-half average depending on the seed.
        assertTrue(hbp.depthAtTenPercent < 4.0, "depth at 10% " + hbp.depthAtTenPercent);
        assertTrue(hbp.depthAtTenPercent < hbp.depthLastHalf,
                "depth at 10% " + hbp.depthAtTenPercent + " vs last half " + hbp.depthLastHalf);
    }

    private record Run(double accuracy, double depthFirstPercent, double depthAtTenPercent, double depthLastHalf) {

        static Run of(HedgeBackpropNetwork net, Stream data) {
            int n = data.xs.size();
            int correct = 0;
            double early = 0;
            double late = 0;
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
                if (t == n / 10 - 1) {
                    atTen = depth;
                }
                if (t >= n / 2) {
                    late += depth;
                }
            }
            return new Run(correct / (double) n, early / (n / 100), atTen, late / (n - n / 2));
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
