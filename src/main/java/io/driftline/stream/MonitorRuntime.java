package io.driftline.stream;

import io.driftline.DriftlineMetrics;
import io.driftline.detect.DetectionEvents;
import io.micrometer.core.instrument.Counter;
import io.driftline.monitor.DetectorTrack;
import io.driftline.monitor.MonitorSpec;
import io.driftline.monitor.MonitorSpec.FeatureSpec;
import io.driftline.monitor.MonitorValidator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live state of one monitor: a data-drift detector per numeric feature, one per category share of each
 * categorical feature (the share of records carrying that category, fed as 1/0), the concept-drift detector
 * on the error stream, and missing-value counts. Built from a spec and dropped when the spec changes.
 */
final class MonitorRuntime {
    /** Receives detections; {@code flags} are {@link DetectionEvents} flags for {@code track}. */
    interface Detections {
        void detected(MonitorRuntime runtime, DetectorTrack track, String category, int flags);

        void trackCreated(MonitorRuntime runtime, DetectorTrack track);
    }

    static final class CategoryTracks {
        final List<String> categories = new ArrayList<>();
        final List<DetectorTrack> tracks = new ArrayList<>();
        final boolean declared;

        CategoryTracks(boolean declared) {
            this.declared = declared;
        }
    }

    final MonitorSpec spec;
    private final Map<String, Integer> featureIndex = new HashMap<>();
    /** The last feature layout seen (by identity) and its spec indices: see {@link #layoutOf}. */
    private String[] layoutNames;
    private int[] layout = new int[0];
    final DetectorTrack[] numeric;
    final CategoryTracks[] categorical;
    final long[] missing;
    private final int[] seenIn;
    private int record;
    final DetectorTrack concept;
    private final int maxCategories;

    final LearnerRuntime learner;
    /** {@code driftline_records_total} of this monitor, counted per batch. */
    final RecordCounts records;

    private final Counter[] joinOutcomes = new Counter[ConceptDriftJoin.Outcome.values().length];

    /** {@code driftline_feedback_joined_total} of this monitor per outcome, looked up once. */
    Counter joinOutcomes(ConceptDriftJoin.Outcome outcome, DriftlineMetrics metrics) {
        Counter c = joinOutcomes[outcome.ordinal()];
        if (c == null) {
            c = metrics.counter(DriftlineMetrics.FEEDBACK_JOINED, "monitor", spec.name(), "outcome",
                    outcome.name().toLowerCase(java.util.Locale.ROOT));
            joinOutcomes[outcome.ordinal()] = c;
        }
        return c;
    }

    MonitorRuntime(MonitorSpec spec, int maxCategories, JoinConfig join, Detections detections) {
        this.spec = spec;
        this.records = new RecordCounts(spec.name());
        this.learner = spec.learner() == null ? null : new LearnerRuntime(spec, join.ttl().toMillis(), join.maxSize());
        this.maxCategories = maxCategories;
        int n = spec.features().size();
        numeric = new DetectorTrack[n];
        categorical = new CategoryTracks[n];
        missing = new long[n];
        seenIn = new int[n];
        for (int i = 0; i < n; i++) {
            FeatureSpec f = spec.features().get(i);
            featureIndex.put(f.name(), i);
            if (spec.dataDrift() == null) {
                continue;
            }
            if (f.type() == MonitorSpec.FeatureType.NUMERIC) {
                numeric[i] = newTrack(f.name(), spec.dataDrift(), detections);
            } else {
                CategoryTracks c = new CategoryTracks(f.categories() != null);
                if (f.categories() != null) {
                    for (String category : f.categories()) {
                        c.categories.add(category);
                        c.tracks.add(newTrack(f.name() + "=" + category, spec.dataDrift(), detections));
                    }
                }
                categorical[i] = c;
            }
        }
        concept = spec.conceptDrift() == null ? null
                : newTrack(null, new MonitorSpec.DetectorConfig(spec.conceptDrift().type(), spec.conceptDrift().params()), detections);
    }

    private DetectorTrack newTrack(String feature, MonitorSpec.DetectorConfig config, Detections detections) {
        DetectorTrack track = DetectorTrack.create(feature, MonitorValidator.detectorType("dataDrift", config.type()), config.params());
        detections.trackCreated(this, track);
        return track;
    }

    /** Feeds every declared feature of the event; features the spec does not declare are ignored. */
    void onFeatures(FeatureEvent event, Detections detections) {
        int mark = ++record;
        int[] layout = layoutOf(event.names(), event.size());
        for (int k = 0; k < event.size(); k++) {
            int i = layout[k];
            if (i < 0) {
                continue;
            }
            {
                boolean present = spec.features().get(i).type() == MonitorSpec.FeatureType.NUMERIC
                        ? !Double.isNaN(event.numbers()[k])
                        : event.strings()[k] != null || !Double.isNaN(event.numbers()[k]);
                if (!present) {
                    continue;
                }
                seenIn[i] = mark;
                if (numeric[i] != null) {
                    int flags = numeric[i].update(event.numbers()[k]);
                    if (flags != DetectionEvents.NONE) {
                        detections.detected(this, numeric[i], null, flags);
                    }
                } else if (categorical[i] != null) {
                    String value = event.strings()[k] != null ? event.strings()[k] : canonical(event.numbers()[k]);
                    feedCategory(i, value, detections);
                }
            }
        }
        for (int i = 0; i < seenIn.length; i++) {
            if (seenIn[i] != mark) {
                missing[i]++;
            }
        }
    }

    /**
     * The spec index of each of the event's features (-1: not declared). Events of one producer share their names
     * array ({@link EventParser}), so the mapping is made once per layout instead of a hash lookup per feature.
     */
    private int[] layoutOf(String[] names, int size) {
        if (names != layoutNames || size != layout.length) {
            int[] l = new int[size];
            for (int k = 0; k < size; k++) {
                Integer index = featureIndex.get(names[k]);
                l[k] = index == null ? -1 : index;
            }
            layoutNames = names;
            layout = l;
        }
        return layout;
    }

    private void feedCategory(int feature, String value, Detections detections) {
        CategoryTracks c = categorical[feature];
        if (!c.declared && !c.categories.contains(value) && c.categories.size() < maxCategories) {
            c.categories.add(value);
            c.tracks.add(newTrack(spec.features().get(feature).name() + "=" + value, spec.dataDrift(), detections));
        }
        for (int j = 0; j < c.tracks.size(); j++) {
            DetectorTrack track = c.tracks.get(j);
            int flags = track.update(c.categories.get(j).equals(value) ? 1.0 : 0.0);
            if (flags != DetectionEvents.NONE) {
                detections.detected(this, track, c.categories.get(j), flags);
            }
        }
    }

    void onError(double error, Detections detections) {
        int flags = concept.update(error);
        if (flags != DetectionEvents.NONE) {
            detections.detected(this, concept, null, flags);
        }
    }

    /**
     * The state of this monitor: its detectors in feature order (categories seen so far by name, so undeclared ones
     * come back in the same order), then its learner.
     */
    void writeTo(DataOutput out) throws IOException {
        for (int i = 0; i < numeric.length; i++) {
            out.writeLong(missing[i]);
            if (numeric[i] != null) {
                numeric[i].writeTo(out);
            } else if (categorical[i] != null) {
                CategoryTracks c = categorical[i];
                out.writeInt(c.categories.size());
                for (int j = 0; j < c.categories.size(); j++) {
                    CheckpointFormat.writeString(out, c.categories.get(j));
                    c.tracks.get(j).writeTo(out);
                }
            }
        }
        if (concept != null) {
            concept.writeTo(out);
        }
        if (learner != null) {
            learner.writeTo(out);
        }
    }

    /** Continues from {@link #writeTo} of a runtime built from the same spec. */
    void readFrom(DataInput in, Detections detections) throws IOException {
        for (int i = 0; i < numeric.length; i++) {
            missing[i] = in.readLong();
            if (numeric[i] != null) {
                numeric[i].readFrom(in);
            } else if (categorical[i] != null) {
                CategoryTracks c = categorical[i];
                for (int j = 0, n = in.readInt(); j < n; j++) {
                    String category = CheckpointFormat.readString(in);
                    int k = c.categories.indexOf(category);
                    if (k < 0) {
                        if (c.declared) {
                            throw new IOException("category " + category + " of " + spec.features().get(i).name() + " is not declared");
                        }
                        c.categories.add(category);
                        c.tracks.add(newTrack(spec.features().get(i).name() + "=" + category, spec.dataDrift(), detections));
                        k = c.categories.size() - 1;
                    }
                    c.tracks.get(k).readFrom(in);
                }
            }
        }
        if (concept != null) {
            concept.readFrom(in);
        }
        if (learner != null) {
            learner.readFrom(in);
        }
    }

    /** Every track of this monitor, data then concept. */
    List<DetectorTrack> tracks() {
        List<DetectorTrack> all = new ArrayList<>();
        for (int i = 0; i < numeric.length; i++) {
            if (numeric[i] != null) {
                all.add(numeric[i]);
            }
            if (categorical[i] != null) {
                all.addAll(categorical[i].tracks);
            }
        }
        if (concept != null) {
            all.add(concept);
        }
        return all;
    }

    /** A class label written as a number is compared by its canonical text: 1 and 1.0 are the same label. */
    static String canonical(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
