package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared reference streams ({@code streams/detector/*.csv}) and MOA's expected events
 * ({@code streams/expected/<DETECTOR>__<stream>.csv}).
 *
 * <p>Files are read from the test resources ({@code src/test/resources/streams}, a copy that a clean clone
 * has), else from the directory of system property {@code driftline.streams} (default
 * {@code ../shared/streams} relative to the project), else from {@code /work/shared/streams}.
 */
public final class ExpectedStreams {

    /** One row of an expected file: {@code event} is drift, warning_on or warning_off. */
    public record Event(String event, int index, double estimation) {
        @Override
        public String toString() {
            return event + "@" + index + "(" + String.format(java.util.Locale.ROOT, "%.6f", estimation) + ")";
        }
    }

    /** Streams of {@code streams/detector/streams.csv}. */
    public static final List<String> DETECTOR_STREAMS = List.of(
            "bern_abrupt", "bern_abrupt_small", "gauss_shift05", "gauss_shift10", "river_doc_adwin", "river_doc_binary");

    private ExpectedStreams() {
    }

    public static double[] values(String stream) {
        List<String> lines = lines("detector/" + stream + ".csv");
        double[] values = new double[lines.size()];
        int n = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                values[n++] = Double.parseDouble(line.trim());
            }
        }
        return java.util.Arrays.copyOf(values, n);
    }

    public static List<Event> expected(String detector, String stream) {
        List<String> lines = lines("expected/" + detector + "__" + stream + ".csv");
        List<Event> events = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            events.add(new Event(f[0].trim(), Integer.parseInt(f[1].trim()), Double.parseDouble(f[2].trim())));
        }
        return events;
    }

    /**
     * Feeds {@code values} to {@code detector} and returns its events as the expected files write them: at
     * one index, warning_off before warning_on before drift.
     */
    public static List<Event> positionsOf(DriftDetector detector, double[] values) {
        List<Event> events = new ArrayList<>();
        DetectionEvents tracker = new DetectionEvents();
        for (int i = 0; i < values.length; i++) {
            int flags = tracker.next(detector.update(values[i]));
            if (flags == DetectionEvents.NONE) {
                continue;
            }
            double estimate = detector.estimate();
            if ((flags & DetectionEvents.WARNING_OFF) != 0) {
                events.add(new Event("warning_off", i, estimate));
            }
            if ((flags & DetectionEvents.WARNING_ON) != 0) {
                events.add(new Event("warning_on", i, estimate));
            }
            if ((flags & DetectionEvents.DRIFT) != 0) {
                events.add(new Event("drift", i, estimate));
            }
        }
        return events;
    }

    /** Same events at the same indices, estimates within {@code tolerance}. */
    public static void assertSameEvents(List<Event> expected, List<Event> actual, double tolerance, String what) {
        assertEquals(expected.stream().map(e -> e.event() + "@" + e.index()).toList(),
                actual.stream().map(e -> e.event() + "@" + e.index()).toList(), what + ": event positions");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i).estimation();
            double a = actual.get(i).estimation();
            assertTrue(Math.abs(e - a) <= tolerance,
                    what + ": estimate at " + expected.get(i) + " was " + a);
        }
    }

    private static List<String> lines(String relative) {
        try (InputStream in = ExpectedStreams.class.getResourceAsStream("/streams/" + relative)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path root : List.of(Path.of(System.getProperty("driftline.streams", "../shared/streams")),
                Path.of("/work/shared/streams"))) {
            Path file = root.resolve(relative);
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readAllLines(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("stream file not found: " + relative
                + " (test resources, -Ddriftline.streams, ../shared/streams, /work/shared/streams)");
    }
}
