package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * The reference streams of MOA's recorded runs (copied from the shared stream set into test resources),
 * and the test-then-train loop the learner tests share.
 */
final class ReferenceStreams {
    static final String[] STREAMS = {"sea_abrupt", "hyperplane", "stagger_abrupt"};
    private static final Map<String, CsvInstances> CACHE = new ConcurrentHashMap<>();

    private ReferenceStreams() {
    }

    static String resource(String path) {
        try (InputStream raw = ReferenceStreams.class.getResourceAsStream("/streams/" + path)) {
            if (raw == null) {
                throw new IllegalStateException("missing test resource /streams/" + path);
            }
            InputStream in = path.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh parse per call site would share Attribute objects; the cache is fine because learners never add values here. */
    static CsvInstances stream(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            Schema schema = CsvInstances.parseSchema(resource("classification/" + n + ".schema.csv"));
            return CsvInstances.parse(resource("classification/" + n + ".csv.gz"), null, schema);
        });
    }

    static int[] expectedPredictions(String learner, String stream) {
        String[] lines = resource("expected/predictions/" + learner + "__" + stream + ".csv.gz").split("\n");
        assertEquals("predicted_class_index", lines[0].trim());
        int[] out = new int[lines.length - 1];
        for (int i = 1; i < lines.length; i++) {
            out[i - 1] = Integer.parseInt(lines[i].trim());
        }
        return out;
    }

    /** MOA's recorded prequential accuracy of {@code learner} on {@code stream}. */
    static double expectedAccuracy(String learner, String stream) {
        for (String line : resource("expected/learners.csv").split("\n")) {
            String[] f = line.split(",");
            if (f[0].equals(learner) && f[1].equals(stream)) {
                // moa_cli is quoted and may hold no comma: accuracy is the 3rd field from "instances"
                String[] tail = line.substring(line.lastIndexOf('"') + 2).split(",");
                return Double.parseDouble(tail[1]);
            }
        }
        throw new IllegalStateException("no expected accuracy for " + learner + " on " + stream);
    }

    record Run(int[] predictions, PrequentialEvaluator evaluator) {
    }

    static Run prequential(OnlineLearner learner, CsvInstances data) {
        PrequentialEvaluator eval = new PrequentialEvaluator();
        int[] predictions = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            double[] x = data.rows().get(i);
            int y = (int) data.targets()[i];
            predictions[i] = eval.addClassification(y, learner.predict(x));
            learner.learn(x, y);
        }
        return new Run(predictions, eval);
    }

    /** Fraction of positions where the two prediction sequences agree; reports the first disagreement. */
    static double agreement(int[] expected, int[] actual) {
        assertEquals(expected.length, actual.length, "number of predictions");
        int same = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == actual[i]) {
                same++;
            } else if (first < 0) {
                first = i;
            }
        }
        if (first >= 0) {
            System.out.println("first disagreement at instance " + first);
        }
        return (double) same / expected.length;
    }

    /** Checks MOA's recorded predictions and accuracy for one learner on one stream; returns the agreement. */
    static double checkAgainstMoa(String moaName, String stream, Supplier<OnlineLearner> factory,
            double minAgreement, double accuracyTolerance) {
        CsvInstances data = stream(stream);
        Run run = prequential(factory.get(), data);
        double agreement = Double.NaN;
        if (minAgreement > 0) {
            agreement = agreement(expectedPredictions(moaName, stream), run.predictions());
        }
        double expectedAccuracy = expectedAccuracy(moaName, stream);
        System.out.printf("%s on %s: agreement %.5f, accuracy %.6f (MOA %.6f), kappa %.6f%n", moaName, stream,
                agreement, run.evaluator().accuracy(), expectedAccuracy, run.evaluator().kappa());
        if (minAgreement > 0) {
            assertTrue(agreement >= minAgreement, moaName + " on " + stream + ": agreement " + agreement);
        }
        assertEquals(expectedAccuracy, run.evaluator().accuracy(), accuracyTolerance, moaName + " accuracy on " + stream);
        return agreement;
    }

    /** Trains on the first half, snapshots, restores into a fresh learner, and checks both agree on the rest. */
    static void checkSnapshotMidStream(Supplier<OnlineLearner> factory, CsvInstances data, int cut, int length) {
        OnlineLearner original = factory.get();
        for (int i = 0; i < cut; i++) {
            original.learn(data.rows().get(i), data.targets()[i]);
        }
        byte[] bytes = original.snapshot();
        OnlineLearner restored = factory.get();
        restored.restore(bytes);
        org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, restored.snapshot(), "snapshot of the restored learner");
        for (int i = cut; i < Math.min(length, data.size()); i++) {
            double[] x = data.rows().get(i);
            double[] a = original.predict(x).clone();
            double[] b = restored.predict(x);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0.0, "votes at instance " + i);
            original.learn(x, data.targets()[i]);
            restored.learn(x, data.targets()[i]);
        }
    }
}
