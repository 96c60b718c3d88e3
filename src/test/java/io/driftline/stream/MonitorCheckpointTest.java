package io.driftline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftline.detect.ExpectedStreams;
import io.driftline.monitor.DetectorTrack;
import io.driftline.monitor.MonitorSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A monitor's state written in the middle of its streams and read into a new runtime continues exactly. */
class MonitorCheckpointTest {
    static final MonitorSpec SPEC = new MonitorSpec("m", "m",
            List.of(new MonitorSpec.FeatureSpec("x", MonitorSpec.FeatureType.NUMERIC, null),
                    new MonitorSpec.FeatureSpec("c", MonitorSpec.FeatureType.CATEGORICAL, null)),
            new MonitorSpec.DetectorConfig("ADWIN", Map.of()),
            new MonitorSpec.ConceptDriftConfig("DDM", Map.of(), MonitorSpec.Task.CLASSIFICATION, null), null);
    static final JoinConfig JOIN = new JoinConfig() {
        @Override
        public Duration ttl() {
            return Duration.ofMinutes(10);
        }

        @Override
        public int maxSize() {
            return 1000;
        }

        @Override
        public String sweepInterval() {
            return "1s";
        }
    };

    /** Every detection as "feature[=category] LEVEL-FLAGS@position". */
    static final class Recorder implements MonitorRuntime.Detections {
        final List<String> seen = new ArrayList<>();

        @Override
        public void detected(MonitorRuntime runtime, DetectorTrack track, String category, int flags) {
            seen.add(track.feature() + " " + flags + "@" + track.lastPosition());
        }

        @Override
        public void trackCreated(MonitorRuntime runtime, DetectorTrack track) {
        }
    }

    final double[] values = ExpectedStreams.values("gauss_shift10");
    final double[] errors = ExpectedStreams.values("bern_abrupt");

    /** Record i: x from the Gaussian stream, a category whose mix changes half-way, one error value (while any). */
    void feed(MonitorRuntime rt, Recorder out, int from, int to) {
        for (int i = from; i < to; i++) {
            String category = i < values.length / 2 ? (i % 3 == 0 ? "b" : "a") : (i % 3 == 0 ? "a" : i % 3 == 1 ? "c" : "b");
            rt.onFeatures(new FeatureEvent(Integer.toString(i), "m", 0, new String[] {"x", "c"},
                    new double[] {values[i], Double.NaN}, new String[] {null, category}, 2), out);
            if (i < errors.length) {
                rt.onError(errors[i], out);
            }
        }
    }

    @Test
    void featuresInAnyOrderAndLayoutReachTheirOwnDetectors() {
        Recorder fixed = new Recorder();
        feed(new MonitorRuntime(SPEC, 20, JOIN, fixed), fixed, 0, values.length);

        // the same records with the feature order flipping and an undeclared feature coming and going
        Recorder mixed = new Recorder();
        MonitorRuntime rt = new MonitorRuntime(SPEC, 20, JOIN, mixed);
        String[] xc = {"x", "c"};
        String[] cux = {"c", "u", "x"};
        for (int i = 0; i < values.length; i++) {
            String category = i < values.length / 2 ? (i % 3 == 0 ? "b" : "a") : (i % 3 == 0 ? "a" : i % 3 == 1 ? "c" : "b");
            FeatureEvent e = i % 7 < 3
                    ? new FeatureEvent(Integer.toString(i), "m", 0, xc, new double[] {values[i], Double.NaN}, new String[] {null, category}, 2)
                    : new FeatureEvent(Integer.toString(i), "m", 0, cux, new double[] {Double.NaN, 1, values[i]}, new String[] {category, null, null}, 3);
            rt.onFeatures(e, mixed);
            if (i < errors.length) {
                rt.onError(errors[i], mixed);
            }
        }
        assertThat(fixed.seen).isNotEmpty();
        assertThat(mixed.seen).isEqualTo(fixed.seen);
    }

    @Test
    void aRuntimeRestoredHalfWayDetectsWhatAnUninterruptedOneDoes() throws IOException {
        Recorder whole = new Recorder();
        feed(new MonitorRuntime(SPEC, 20, JOIN, whole), whole, 0, values.length);

        Recorder split = new Recorder();
        MonitorRuntime before = new MonitorRuntime(SPEC, 20, JOIN, split);
        int half = 7_001; // inside the error stream, before the category mix changes
        feed(before, split, 0, half);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        before.writeTo(new DataOutputStream(bytes));
        MonitorRuntime after = new MonitorRuntime(SPEC, 20, JOIN, split);
        after.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), split);
        int beforeCount = split.seen.size();
        feed(after, split, half, values.length);

        assertThat(split.seen.size()).as("detections after the restore").isGreaterThan(beforeCount);
        // numeric, category share (categories "a" and "b" were learnt before the checkpoint) and concept detections
        assertThat(whole.seen).anyMatch(s -> s.startsWith("x ")).anyMatch(s -> s.startsWith("c=a "))
                .anyMatch(s -> s.startsWith("null "));
        assertThat(split.seen).containsExactlyElementsOf(whole.seen);
        assertThat(after.missing).containsExactly(0, 0);
    }

    /** Predictions (label and scores) of a learner fed features, with each label arriving five records later. */
    static List<String> learn(LearnerRuntime rt, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            double x = Math.sin(i * 0.37) + (i > 600 ? 1.5 : 0);
            String c = i % 4 == 0 ? "u" : i % 3 == 0 ? "v" : "w";
            LearnerRuntime.Prediction p = rt.predict(new FeatureEvent("e" + i, "m", 0, new String[] {"x", "c"},
                    new double[] {x, Double.NaN}, new String[] {null, c}, 2), i);
            out.add(p == null ? "-" : p.label() + " " + p.scores());
            if (i >= 5) {
                int j = i - 5;
                double xj = Math.sin(j * 0.37) + (j > 600 ? 1.5 : 0);
                rt.learn(new FeedbackEvent("e" + j, "m", xj > 0.5 ? "high" : j % 7 == 0 ? "odd" : "low", Double.NaN));
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"NAIVE_BAYES|{}", "HBP|{\"hiddenLayers\":3,\"hiddenUnits\":8}",
            "HOEFFDING_TREE|{\"gracePeriod\":50}"})
    void aLearnerRestoredHalfWayPredictsWhatAnUninterruptedOneDoes(String type, String params) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = new com.fasterxml.jackson.databind.ObjectMapper().readValue(params, Map.class);
        MonitorSpec spec = new MonitorSpec("m", "m", SPEC.features(), null,
                new MonitorSpec.ConceptDriftConfig("DDM", Map.of(), MonitorSpec.Task.CLASSIFICATION, null),
                new MonitorSpec.LearnerConfig(type, p));
        Recorder none = new Recorder();
        MonitorRuntime whole = new MonitorRuntime(spec, 20, JOIN, none);
        List<String> expected = learn(whole.learner, 0, 1200);

        MonitorRuntime before = new MonitorRuntime(spec, 20, JOIN, none);
        List<String> split = new ArrayList<>(learn(before.learner, 0, 500));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        before.writeTo(new DataOutputStream(bytes));
        MonitorRuntime after = new MonitorRuntime(spec, 20, JOIN, none);
        after.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), none);
        assertThat(after.learner.waiting()).isEqualTo(5);
        // the labels of records 495..499, waiting in the checkpoint, come with the second half's first five records
        split.addAll(learn(after.learner, 500, 1200));

        assertThat(expected).filteredOn(s -> !s.equals("-")).hasSizeGreaterThan(1000);
        assertThat(split).containsExactlyElementsOf(expected);
        assertThat(after.learner.evaluator.instances()).isEqualTo(whole.learner.evaluator.instances());
        assertThat(after.learner.evaluator.accuracy()).isEqualTo(whole.learner.evaluator.accuracy());
        assertThat(after.learner.evaluator.slidingKappa()).isEqualTo(whole.learner.evaluator.slidingKappa());
    }

    @Test
    void aRestoredJoinMatchesWhatWaitedWithItsArrivalTime() throws IOException {
        ConceptDriftJoin join = new ConceptDriftJoin(1_000, 100);
        List<String> outcomes = new ArrayList<>();
        ConceptDriftJoin.Listener listener = new ConceptDriftJoin.Listener() {
            @Override
            public void joined(ConceptDriftJoin.Side prediction, ConceptDriftJoin.Side feedback) {
                outcomes.add("joined " + prediction.label + "/" + feedback.label);
            }

            @Override
            public void outcome(ConceptDriftJoin.Outcome outcome, int count) {
                outcomes.add(outcome + " " + count);
            }
        };
        join.offerPrediction("p1", new ConceptDriftJoin.Side("yes", Double.NaN, 100), listener);
        join.offerPrediction("p2", new ConceptDriftJoin.Side(null, 2.5, 900), listener);
        join.offerFeedback("f1", new ConceptDriftJoin.Side("no", Double.NaN, 500), listener);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        join.writeTo(new DataOutputStream(bytes));

        ConceptDriftJoin restored = new ConceptDriftJoin(1_000, 100);
        restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.pendingPredictions()).isEqualTo(2);
        assertThat(restored.pendingFeedback()).isEqualTo(1);
        outcomes.clear();
        restored.expire(1_100, listener); // p1 arrived at 100: its time-to-live ran on across the restore
        restored.offerFeedback("p2", new ConceptDriftJoin.Side(null, 3.0, 1_200), listener);
        restored.offerPrediction("f1", new ConceptDriftJoin.Side("no", Double.NaN, 1_300), listener);
        assertThat(outcomes).containsExactly("EXPIRED_PREDICTION 1", "joined null/null", "JOINED 1", "joined no/no", "JOINED 1");
    }

    @Test
    void offsetsAdmitEachRecordOnceAndRestartFromACheckpoint() {
        PartitionOffsets offsets = new PartitionOffsets();
        assertThat(offsets.admit("t", 2, 40)).isTrue();
        assertThat(offsets.admit("t", 2, 41)).isTrue();
        assertThat(offsets.admit("t", 2, 41)).as("a redelivered record").isFalse();
        assertThat(offsets.admit("u", 0, 7)).isTrue();
        assertThat(offsets.of(2)).isEqualTo(Map.of("t", 42L));
        offsets.reset(2, Map.of("t", 30L, "v", 5L));
        assertThat(offsets.admit("t", 2, 29)).isFalse();
        assertThat(offsets.admit("t", 2, 30)).isTrue();
        assertThat(offsets.admit("v", 2, 4)).isFalse();
        assertThat(offsets.of(2)).isEqualTo(Map.of("t", 31L, "v", 5L));
        assertThat(offsets.of(0)).isEqualTo(Map.of("u", 8L));
        offsets.startAt("w", 2, 12); // assigned, nothing processed yet: a checkpoint names it
        offsets.startAt("t", 2, 0); // known already: unchanged
        assertThat(offsets.of(2)).isEqualTo(Map.of("t", 31L, "v", 5L, "w", 12L));
        assertThat(offsets.admit("w", 2, 11)).isFalse();
        assertThat(offsets.admit("w", 2, 12)).isTrue();
    }

    @Test
    void aReleasedPartitionAdmitsNothingUntilItIsAssignedAgain() {
        PartitionOffsets offsets = new PartitionOffsets();
        assertThat(offsets.admit("t", 1, 5)).isTrue();
        offsets.release(1);
        assertThat(offsets.of(1)).isEmpty();
        assertThat(offsets.admit("t", 1, 6)).as("fetched before the revocation, handed over after it").isFalse();
        assertThat(offsets.admit("u", 1, 0)).as("a topic never seen on the partition").isFalse();
        assertThat(offsets.admit("t", 0, 3)).as("another partition").isTrue();
        offsets.startAt("t", 1, 6);
        assertThat(offsets.admit("t", 1, 6)).as("a starting position does not end the release").isFalse();
        offsets.assign(1); // assigned again, no checkpoint
        assertThat(offsets.admit("t", 1, 6)).isTrue();
        offsets.release(1);
        offsets.assign(1);
        offsets.reset(1, Map.of("t", 9L)); // assigned again, from a checkpoint
        assertThat(offsets.admit("t", 1, 8)).isFalse();
        assertThat(offsets.admit("t", 1, 9)).isTrue();
    }

    @Test
    void offsetsTextRoundTrips() {
        Map<String, Long> offsets = Map.of("driftline.features", 10_000L, "driftline.feedback", 5L);
        assertThat(Checkpoints.encode(offsets)).isEqualTo("driftline.features=10000,driftline.feedback=5");
        assertThat(Checkpoints.decode(Checkpoints.encode(offsets))).isEqualTo(offsets);
        assertThat(Checkpoints.decode("")).isEmpty();
    }
}
