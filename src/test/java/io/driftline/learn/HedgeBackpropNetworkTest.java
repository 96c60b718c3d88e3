package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftline.detect.InvalidParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HedgeBackpropNetworkTest {

    private static Schema numericSchema(int inputs, List<String> classes) {
        List<Attribute> attrs = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            attrs.add(Attribute.numeric("x" + i));
        }
        return new Schema(attrs, Attribute.nominal("class", classes));
    }

    private static Schema mixedSchema() {
        return new Schema(List.of(Attribute.numeric("a"), Attribute.nominal("color", List.of("red", "green")),
                Attribute.numeric("b")), Attribute.nominal("class", List.of("no", "yes")));
    }

    private static double[] mixed(SplittableRandom rnd, int colors) {
        return new double[] {rnd.nextGaussian(), rnd.nextInt(colors), 5 + rnd.nextGaussian()};
    }

    private static int label(double[] x) {
        return x[0] + (x[1] == 1 ? 1 : 0) - (x[2] - 5) > 0.3 ? 1 : 0;
    }

    @Test
    void javadocExampleRuns() {
        Schema schema = new Schema(List.of(Attribute.numeric("a"), Attribute.numeric("b")),
                Attribute.nominal("class", List.of("no", "yes")));
        HedgeBackpropNetwork net = HedgeBackpropNetwork.fromParams(schema, Map.of("hiddenLayers", 8));
        double[] x = {0.3, 1.7};
        double[] p = net.predict(x);
        assertArrayEquals(new double[] {0, 0}, p);
        net.learn(x, 1);
        double depth = net.weightedMeanDepth();
        assertEquals(4.5, depth, 1.0);
        assertEquals(8, net.hedgeWeights().length);
    }

    @Test
    void defaultsAreThePapers() {
        HedgeBackpropNetwork net = (HedgeBackpropNetwork) LearnerType.HBP.create(numericSchema(10, List.of("a", "b")), Map.of());
        assertEquals(20, net.hiddenLayers());
        assertEquals(100, net.hiddenUnits());
        assertTrue(net.hedge());
        assertEquals(0.01, net.learningRate());
        double[] alpha = net.hedgeWeights();
        for (double a : alpha) {
            assertEquals(1.0 / 20, a, 1e-15);
        }
        assertEquals(LearnerType.HBP, net.type());
    }

    @Test
    void predictBeforeTrainingIsAllZeroAndDoesNotCrash() {
        HedgeBackpropNetwork net = HedgeBackpropNetwork.fromParams(numericSchema(3, List.of("a", "b", "c")), Map.of());
        assertArrayEquals(new double[3], net.predict(new double[] {1, 2, 3}));
        HedgeBackpropNetwork none = HedgeBackpropNetwork.fromParams(numericSchema(3, List.of()), Map.of());
        assertEquals(0, none.predict(new double[] {1, 2, 3}).length);
        none.learn(new double[] {1, 2, 3}, 0);
        double[] p = none.predict(new double[] {1, 2, 3});
        assertArrayEquals(new double[] {1.0}, p, 1e-12);
    }

    @Test
    void hedgeWeightsStayADistributionAboveTheFloor() {
        HedgeBackpropNetwork net = HedgeBackpropNetwork.fromParams(mixedSchema(), Map.of("hiddenLayers", 6, "hiddenUnits", 16));
        SplittableRandom rnd = new SplittableRandom(5);
        for (int t = 0; t < 2000; t++) {
            double[] x = mixed(rnd, 2);
            double[] p = net.predict(x);
            assertEquals(t == 0 ? 0.0 : 1.0, Arrays.stream(p).sum(), 1e-9);
            net.learn(x, label(x));
        }
        double[] alpha = net.hedgeWeights();
        assertEquals(1.0, Arrays.stream(alpha).sum(), 1e-12);
        for (double a : alpha) {
            assertTrue(a >= 0.2 / 6 / 1.2 - 1e-12, "alpha " + a + " under the renormalised floor");
        }
        alpha[0] = 42;
        assertNotEquals(42, net.hedgeWeights()[0], "hedgeWeights() must be a copy");
    }

    @Test
    void unseenClassMidStreamGrowsEveryHead() {
        HedgeBackpropNetwork net = HedgeBackpropNetwork.fromParams(numericSchema(2, List.of("a", "b")),
                Map.of("hiddenLayers", 4, "hiddenUnits", 8));
        SplittableRandom rnd = new SplittableRandom(9);
        for (int t = 0; t < 500; t++) {
            double[] x = {rnd.nextGaussian(), rnd.nextGaussian()};
            net.predict(x);
            net.learn(x, x[0] > 0 ? 1 : 0);
        }
        assertEquals(2, net.predict(new double[] {1, 1}).length);
        double[] x = {5, 5};
        net.predict(x);
        net.learn(x, 3); // classes 2 and 3 were never seen
        assertEquals(4, net.numClasses());
        int correct = 0;
        for (int t = 0; t < 3000; t++) {
            double[] z = {rnd.nextGaussian(), rnd.nextGaussian()};
            int y = z[0] > 0 ? (z[1] > 0 ? 3 : 1) : 0;
            double[] p = net.predict(z);
            assertEquals(4, p.length);
            assertEquals(1.0, Arrays.stream(p).sum(), 1e-9);
            if (t >= 2000 && argmax(p) == y) {
                correct++;
            }
            net.learn(z, y);
        }
        assertTrue(correct > 800, "learned the new class: " + correct + "/1000");
    }

    @Test
    void newNominalValueGrowsTheInputLayer() {
        HedgeBackpropNetwork net = HedgeBackpropNetwork.fromParams(mixedSchema(), Map.of("hiddenLayers", 3, "hiddenUnits", 8));
        assertEquals(4, net.inputWidth());
        SplittableRandom rnd = new SplittableRandom(2);
        for (int t = 0; t < 100; t++) {
            double[] x = mixed(rnd, 2);
            net.learn(x, label(x));
        }
        double[] blue = {0.1, 2, 5.0};
        double[] before = net.predict(blue).clone(); // unseen value: encoded as missing
        assertEquals(4, net.inputWidth());
        net.learn(blue, 1);
        assertEquals(5, net.inputWidth());
        assertTrue(Double.isFinite(net.predict(blue)[1]));
        assertEquals(2, before.length);
    }

    @Test
    void learnAfterPredictReusesTheForwardPassWithTheSameResult() {
        HedgeBackpropNetwork fused = HedgeBackpropNetwork.fromParams(mixedSchema(), Map.of("hiddenLayers", 5, "hiddenUnits", 12));
        HedgeBackpropNetwork plain = HedgeBackpropNetwork.fromParams(mixedSchema(), Map.of("hiddenLayers", 5, "hiddenUnits", 12));
        SplittableRandom rnd = new SplittableRandom(4);
        double[] buffer = new double[3];
        for (int t = 0; t < 1000; t++) {
            double[] x = mixed(rnd, 3);
            System.arraycopy(x, 0, buffer, 0, 3); // a reused caller array
            fused.predict(buffer);
            if (t % 7 == 0) {
                buffer[0] += 1; // contents changed between predict and learn: must not reuse
                x[0] += 1;
            }
            fused.learn(buffer, label(x));
            plain.learn(x, label(x));
        }
        assertArrayEquals(plain.snapshot(), fused.snapshot());
    }

    @Test
    void snapshotAndRestoreMidStreamGiveIdenticalLaterPredictions() {
        Map<String, Object> params = Map.of("hiddenLayers", 6, "hiddenUnits", 10, "seed", 11);
        HedgeBackpropNetwork a = HedgeBackpropNetwork.fromParams(mixedSchema(), params);
        SplittableRandom rnd = new SplittableRandom(8);
        for (int t = 0; t < 700; t++) {
            double[] x = mixed(rnd, 2);
            a.predict(x);
            a.learn(x, label(x));
        }
        byte[] snap = a.snapshot();
        HedgeBackpropNetwork b = HedgeBackpropNetwork.fromParams(mixedSchema(), params);
        b.restore(snap);
        assertArrayEquals(snap, b.snapshot());
        assertArrayEquals(a.hedgeWeights(), b.hedgeWeights());
        for (int t = 0; t < 700; t++) {
            double[] x = mixed(rnd, 4); // later: new nominal values and a new class
            int y = t == 350 ? 2 : label(x);
            assertArrayEquals(a.predict(x), b.predict(x));
            a.learn(x, y);
            b.learn(x, y);
        }
        assertArrayEquals(a.snapshot(), b.snapshot());
        assertEquals(a.weightedMeanDepth(), b.weightedMeanDepth());
    }

    @Test
    void restoreRejectsAnotherShapeAndGarbage() {
        HedgeBackpropNetwork a = HedgeBackpropNetwork.fromParams(mixedSchema(), Map.of("hiddenLayers", 3));
        HedgeBackpropNetwork b = HedgeBackpropNetwork.fromParams(mixedSchema(), Map.of("hiddenLayers", 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.restore(a.snapshot()));
        assertTrue(e.getMessage().contains("hiddenLayers=3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.restore(new byte[] {1, 2, 3}));
        byte[] cut = Arrays.copyOf(a.snapshot(), 200);
        assertThrows(IllegalArgumentException.class, () -> a.restore(cut));
    }

    @Test
    void seedMakesInitialisationDeterministic() {
        Schema s = numericSchema(4, List.of("a", "b"));
        assertArrayEquals(HedgeBackpropNetwork.fromParams(s, Map.of("seed", 3)).snapshot(),
                HedgeBackpropNetwork.fromParams(s, Map.of("seed", 3)).snapshot());
        assertNotEquals(Arrays.hashCode(HedgeBackpropNetwork.fromParams(s, Map.of("seed", 3)).snapshot()),
                Arrays.hashCode(HedgeBackpropNetwork.fromParams(s, Map.of("seed", 4)).snapshot()));
    }

    @Test
    void invalidParametersAreNamed() {
        Schema s = numericSchema(2, List.of("a", "b"));
        assertInvalid(s, Map.of("beta", 1.5), "beta", "beta must be in (0,1), was 1.5");
        assertInvalid(s, Map.of("beta", 0), "beta", "beta must be in (0,1), was 0.0");
        assertInvalid(s, Map.of("smoothing", 1.0), "smoothing", "smoothing must be in (0,1), was 1.0");
        assertInvalid(s, Map.of("learningRate", 0), "learningRate", "learningRate must be > 0, was 0.0");
        assertInvalid(s, Map.of("hiddenLayers", 0), "hiddenLayers", "hiddenLayers must be >= 1, was 0");
        assertInvalid(s, Map.of("hiddenUnits", -3), "hiddenUnits", "hiddenUnits must be >= 1, was -3");
        assertInvalid(s, Map.of("hiddenLayers", 2.5), "hiddenLayers", "hiddenLayers must be an integer, was 2.5");
        assertInvalid(s, Map.of("hedge", "maybe"), "hedge", "hedge must be true or false, was \"maybe\"");
        assertInvalid(s, Map.of("layers", 3), "layers", null);
        Schema regression = new Schema(List.of(Attribute.numeric("x")), Attribute.numeric("y"));
        assertThrows(IllegalArgumentException.class, () -> HedgeBackpropNetwork.fromParams(regression, Map.of()));
        HedgeBackpropNetwork net = HedgeBackpropNetwork.fromParams(s, Map.of("hiddenLayers", 2));
        assertThrows(IllegalArgumentException.class, () -> net.learn(new double[] {1, 2}, -1));
        assertThrows(IllegalArgumentException.class, () -> net.learn(new double[] {1, 2}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> net.learn(new double[] {1, 2, 3}, 0));
    }

    private static void assertInvalid(Schema s, Map<String, ?> params, String name, String message) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> HedgeBackpropNetwork.fromParams(s, params));
        assertEquals(name, e.parameter());
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
