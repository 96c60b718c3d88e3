package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The reference streams of {@code src/test/resources/streams/} (copied from the shared MOA reference set) and
 * the helpers the detector tests share: events of a detector on a stream, comparison with MOA's expected
 * files, and the snapshot/restore round trip.
 */
final class ReferenceStreams {
    /** Every stream of {@code streams/detector/streams.csv}. */
    static final List<String> STREAMS = List.of("bern_abrupt", "bern_abrupt_small", "gauss_shift05", "gauss_shift10",
            "river_doc_adwin", "river_doc_binary");

    /** One row of an expected file: {@code drift}, {@code warning_on} or {@code warning_off} at a 0-based index. */
    record Event(String event, long index, double estimation) {
        String position() {
            return event + "," + index;
        }
    }

    private ReferenceStreams() {
    }

    /** The values of {@code streams/detector/<name>.csv}. */
    static double[] stream(String name) {
        List<String> lines = lines("/streams/detector/" + name + ".csv");
        double[] values = new double[lines.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(lines.get(i).trim());
        }
        return values;
    }

    /** The streams that have an expected file for {@code detector} (the file name prefix, e.g. {@code PageHinkley}). */
    static Stream<String> streamsWithExpected(String detector) {
        List<String> names = STREAMS.stream()
                .filter(s -> ReferenceStreams.class.getResource(expectedPath(detector, s)) != null)
                .toList();
        assertFalse(names.isEmpty(), "no expected files for " + detector);
        return names.stream();
    }

    /** The rows of {@code streams/expected/<detector>__<stream>.csv}. */
    static List<Event> expected(String detector, String stream) {
        List<String> lines = lines(expectedPath(detector, stream));
        assertEquals("event,index,estimation", lines.get(0).trim());
        List<Event> events = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(",");
            events.add(new Event(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2])));
        }
        return events;
    }

    /** The events of {@code detector} fed {@code values} from its current state, as the expected files list them. */
    static List<Event> positionsOf(DriftDetector detector, double[] values) {
        DetectionEvents tracker = new DetectionEvents();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            int e = tracker.next(detector.update(values[i]));
            if ((e & DetectionEvents.WARNING_OFF) != 0) {
                events.add(new Event("warning_off", i, detector.estimate()));
            }
            if ((e & DetectionEvents.WARNING_ON) != 0) {
                events.add(new Event("warning_on", i, detector.estimate()));
            }
            if ((e & DetectionEvents.DRIFT) != 0) {
                events.add(new Event("drift", i, detector.estimate()));
            }
        }
        return events;
    }

    /** Every drift, warning_on and warning_off index equals the expected file; estimates within 1e-6. */
    static void assertMatchesExpected(String detectorName, String stream, DriftDetector detector) {
        List<Event> expected = expected(detectorName, stream);
        List<Event> actual = positionsOf(detector, stream(stream));
        assertEquals(expected.stream().map(Event::position).toList(), actual.stream().map(Event::position).toList(),
                detectorName + " on " + stream + ": event positions");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).estimation(), actual.get(i).estimation(), 1e-6,
                    detectorName + " on " + stream + ": estimation at " + expected.get(i).position());
        }
        assertEquals(stream(stream).length, detector.observations());
    }

    /**
     * Snapshots a detector after each cut point, restores it into a fresh one and checks that the rest of the
     * stream gives exactly the same states and estimates as the uninterrupted detector.
     */
    static void assertSnapshotRestoreIsSeamless(Supplier<? extends DriftDetector> factory, double[] values, int... cuts) {
        for (int cut : cuts) {
            DriftDetector straight = factory.get();
            DriftDetector interrupted = factory.get();
            for (int i = 0; i < cut; i++) {
                straight.update(values[i]);
                interrupted.update(values[i]);
            }
            DriftDetector resumed = factory.get();
            resumed.restore(interrupted.snapshot());
            assertEquals(straight.observations(), resumed.observations(), "observations after restore at " + cut);
            assertEquals(straight.estimate(), resumed.estimate(), 0.0, "estimate after restore at " + cut);
            for (int i = cut; i < values.length; i++) {
                DetectorState expected = straight.update(values[i]);
                assertEquals(expected, resumed.update(values[i]), "state at " + i + " after restore at " + cut);
                assertEquals(straight.estimate(), resumed.estimate(), 0.0, "estimate at " + i + " after restore at " + cut);
            }
        }
    }

    /**
     * Restores a snapshot of format version 1, written by the build before the mean detectors kept sums
     * ({@code a7a8c5e}) after {@code cut} values of {@code values}, and checks that the rest of the stream gives the
     * same states as a detector of this build fed every value, and estimates within 1e-9.
     */
    static void assertRestoresFormatVersion1(Supplier<? extends DriftDetector> factory, double[] values, int cut,
            String snapshotHex) {
        byte[] snapshot = java.util.HexFormat.of().parseHex(snapshotHex);
        assertEquals(1, snapshot[0], "a snapshot of format version 1");
        DriftDetector straight = factory.get();
        for (int i = 0; i < cut; i++) {
            straight.update(values[i]);
        }
        DriftDetector resumed = factory.get();
        resumed.restore(snapshot);
        assertEquals(cut, resumed.observations());
        for (int i = cut; i < values.length; i++) {
            assertEquals(straight.update(values[i]), resumed.update(values[i]), "state at " + i);
            assertEquals(straight.estimate(), resumed.estimate(), 1e-9, "estimate at " + i);
        }
    }

    /** Indices at which {@code detector} reported a drift while fed {@code values}. */
    static List<Integer> driftsOf(DriftDetector detector, double[] values) {
        List<Integer> drifts = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (detector.update(values[i]) == DetectorState.DRIFT) {
                drifts.add(i);
            }
        }
        return drifts;
    }

    /** Bernoulli(p(i)) values, 1 with probability {@code p.applyAsDouble(i)}, from {@code new Random(seed)}. */
    static double[] bernoulli(long seed, int length, IntToDoubleFunction p) {
        Random rng = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = rng.nextDouble() < p.applyAsDouble(i) ? 1 : 0;
        }
        return values;
    }

    /** N(mean(i), sd) values from {@code new Random(seed)}. */
    static double[] gaussian(long seed, int length, IntToDoubleFunction mean, double sd) {
        Random rng = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = mean.applyAsDouble(i) + sd * rng.nextGaussian();
        }
        return values;
    }

    /** N(mean(i), sd) values clamped to [0,1]: bounded real inputs, with exact 0s and 1s at the ends. */
    static double[] bounded(long seed, int length, IntToDoubleFunction mean, double sd) {
        double[] values = gaussian(seed, length, mean, sd);
        for (int i = 0; i < length; i++) {
            values[i] = Math.min(1, Math.max(0, values[i]));
        }
        return values;
    }

    /** A level that is {@code levels[k]} from {@code starts[k]} on (starts[0] = 0): abrupt changes. */
    static IntToDoubleFunction steps(int[] starts, double... levels) {
        return i -> {
            int k = 0;
            while (k + 1 < starts.length && i >= starts[k + 1]) {
                k++;
            }
            return levels[k];
        };
    }

    /** A level moving linearly from {@code from} to {@code to} between {@code start} and {@code end}: gradual change. */
    static IntToDoubleFunction ramp(int start, int end, double from, double to) {
        return i -> i <= start ? from : i >= end ? to : from + (to - from) * (i - start) / (end - start);
    }

    private static String expectedPath(String detector, String stream) {
        return "/streams/expected/" + detector + "__" + stream + ".csv";
    }

    private static List<String> lines(String resource) {
        try (InputStream in = ReferenceStreams.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
