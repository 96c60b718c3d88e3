package io.driftline.stream;

import io.driftline.DriftlineMetrics;
import io.driftline.alert.DriftEvent;
import io.driftline.alert.DriftEventPublisher;
import io.driftline.detect.DetectionEvents;
import io.driftline.monitor.DetectorTrack;
import io.driftline.monitor.MonitorRegistry;
import io.driftline.monitor.MonitorSpec;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Routes parsed events to the monitors of their model and runs their detectors: feature values to data-drift
 * detectors, predictions joined with feedback to the concept-drift detector. Detections are collected per
 * batch and handed to the {@link DriftEventPublisher} by {@link #flush()}.
 *
 * <p>All state is touched under {@link #lock()}: the consumer holds it for a whole batch, so it is
 * uncontended on the record path; the expiry sweep and state reads take it briefly.
 */
@Singleton // no client proxy: the input channel calls it for every record
public class MonitorPipeline implements MonitorRuntime.Detections {
    static final String UNMONITORED = "_unmonitored";
    static final String ERROR_STREAM = "_error";
    private static final Logger LOG = Logger.getLogger(MonitorPipeline.class);

    private final Object lock = new Object();
    private final MonitorRegistry registry;
    private final DriftlineMetrics metrics;
    private final DriftEventPublisher publisher;
    private final JoinConfig joinConfig;
    private final int maxCategories;
    private final Map<String, MonitorRuntime> runtimes = new HashMap<>();
    private final Map<String, ConceptDriftJoin> joins = new HashMap<>();
    private List<DriftEvent> detected = new ArrayList<>();
    private List<CompletionStage<Void>> inFlight = new ArrayList<>();
    private final RecordCounts unmonitored = new RecordCounts(UNMONITORED);
    private List<MonitorSpec> lastMonitors;
    private MonitorRuntime[] lastRuntimes;
    private int lastRuntimesVersion;
    /** Incremented whenever a runtime is added or dropped: {@link #runtimesOf} then looks them up again. */
    private int runtimesVersion;
    private List<LearnerRuntime.Prediction> predictions = new ArrayList<>();
    private final LearnerPredictions learnerPredictions;

    /** Where each model's records come from: its state is checkpointed with that partition's offsets. */
    private final Map<String, Integer> partitionOfModel = new HashMap<>();
    private String lastModel;
    private int lastPartition = -1;
    private final PartitionOffsets offsets = new PartitionOffsets();

    /** For a runtime that is not (yet) the live one: it neither publishes detections nor registers gauges. */
    private static final MonitorRuntime.Detections UNREGISTERED = new MonitorRuntime.Detections() {
        @Override
        public void detected(MonitorRuntime runtime, DetectorTrack track, String category, int flags) {
        }

        @Override
        public void trackCreated(MonitorRuntime runtime, DetectorTrack track) {
        }
    };

    /** Partitions that processed records since their last checkpoint. */
    private final BitSet changedSinceCheckpoint = new BitSet();
    private volatile boolean stopped;

    MonitorPipeline(MonitorRegistry registry, DriftlineMetrics metrics, DriftEventPublisher publisher, JoinConfig joinConfig,
            LearnerPredictions learnerPredictions,
            @ConfigProperty(name = "driftline.monitoring.max-categories", defaultValue = "20") int maxCategories) {
        this.learnerPredictions = learnerPredictions;
        this.registry = registry;
        this.metrics = metrics;
        this.publisher = publisher;
        this.joinConfig = joinConfig;
        this.maxCategories = maxCategories;
        registry.addListener(this::monitorChanged);
    }

    public Object lock() {
        return lock;
    }

    public void onFeatures(FeatureEvent event) {
        MonitorRuntime[] monitors = runtimesOf(registry.monitorsOf(event.model()));
        if (monitors.length == 0) {
            unmonitored.count(InputStream.FEATURES);
        }
        for (MonitorRuntime rt : monitors) {
            rt.records.count(InputStream.FEATURES);
            rt.onFeatures(event, this);
            if (rt.learner != null) {
                LearnerRuntime.Prediction p = rt.learner.predict(event, System.currentTimeMillis());
                if (p != null) {
                    predictions.add(p);
                }
            }
        }
    }

    public void onPrediction(PredictionEvent event) {
        List<MonitorSpec> monitors = registry.monitorsOf(event.model());
        count(InputStream.PREDICTIONS, monitors);
        ConceptDriftJoin join = join(event.model(), monitors);
        if (join != null) {
            join.offerPrediction(event.id(), new ConceptDriftJoin.Side(event.label(), event.value(), System.currentTimeMillis()),
                    new JoinListener(event.model(), monitors));
        }
    }

    public void onFeedback(FeedbackEvent event) {
        List<MonitorSpec> monitors = registry.monitorsOf(event.model());
        count(InputStream.FEEDBACK, monitors);
        for (int i = 0; i < monitors.size(); i++) {
            if (monitors.get(i).learner() != null) {
                runtime(monitors.get(i)).learner.learn(event);
            }
        }
        ConceptDriftJoin join = join(event.model(), monitors);
        if (join != null) {
            join.offerFeedback(event.id(), new ConceptDriftJoin.Side(event.label(), event.value(), System.currentTimeMillis()),
                    new JoinListener(event.model(), monitors));
        }
    }

    /**
     * Admits the record at {@code offset} of {@code topic}-{@code partition} (of {@code model}, null when it could not
     * be parsed): false when the state already holds it (a redelivery after a restore). Call under {@link #lock()}.
     */
    public boolean admit(String topic, int partition, long offset, String model) {
        if (!offsets.admit(topic, partition, offset)) {
            return false;
        }
        changedSinceCheckpoint.set(partition);
        if (model != null && (partition != lastPartition || !model.equals(lastModel))) {
            partitionOfModel.put(model, partition);
            lastModel = model;
            lastPartition = partition;
        }
        return true;
    }

    /**
     * These partitions are assigned to this consumer: their records are admitted again (a revocation stopped them).
     * Called first on assignment, whether or not a checkpoint or a starting position can be read.
     */
    public void assigned(Set<Integer> partitions) {
        synchronized (lock) {
            for (int p : partitions) {
                offsets.assign(p);
            }
        }
    }

    /**
     * The partitions in which some model's join has more than {@code threshold} records waiting on one side (its
     * feedback when {@code feedback}, else its predictions): where that side is read ahead of the other in a
     * catch-up, see {@link JoinFlowControl}. Call under {@link #lock()}.
     */
    Set<Integer> partitionsWaiting(boolean feedback, int threshold) {
        Set<Integer> over = null;
        for (Map.Entry<String, ConceptDriftJoin> e : joins.entrySet()) {
            ConceptDriftJoin join = e.getValue();
            Integer partition = partitionOfModel.get(e.getKey());
            if (partition != null && (feedback ? join.pendingFeedback() : join.pendingPredictions()) > threshold) {
                if (over == null) {
                    over = new HashSet<>();
                }
                over.add(partition);
            }
        }
        return over == null ? Set.of() : over;
    }

    /** The consumer's starting position in a topic-partition whose offset this state does not know yet. */
    public void startAt(String topic, int partition, long offset) {
        synchronized (lock) {
            offsets.startAt(topic, partition, offset);
        }
    }

    /** After {@link #stop()} records are left unprocessed (and unacknowledged) for the next owner of the partition. */
    public boolean stopped() {
        return stopped;
    }

    /** Stops processing, so that a final checkpoint holds everything processed. */
    public void stop() {
        synchronized (lock) {
            stopped = true;
        }
    }

    /**
     * The checkpoints of the partitions that processed records since their last one ({@code all}: of every
     * partition seen), each the state of its models with the offsets it reflects.
     */
    public List<PartitionCheckpoint> checkpoints(boolean all) {
        synchronized (lock) {
            List<PartitionCheckpoint> out = new ArrayList<>();
            BitSet partitions = new BitSet();
            if (all) {
                partitionOfModel.values().forEach(partitions::set);
            }
            partitions.or(changedSinceCheckpoint);
            for (int p = partitions.nextSetBit(0); p >= 0; p = partitions.nextSetBit(p + 1)) {
                out.add(new PartitionCheckpoint(p, offsets.of(p), partitionState(p)));
            }
            changedSinceCheckpoint.clear();
            return out;
        }
    }

    /** The checkpoints of these partitions only (their records are about to go to another consumer). */
    public List<PartitionCheckpoint> checkpoints(Set<Integer> partitions) {
        synchronized (lock) {
            List<PartitionCheckpoint> out = new ArrayList<>();
            for (int p : partitions) {
                out.add(new PartitionCheckpoint(p, offsets.of(p), partitionState(p)));
                changedSinceCheckpoint.clear(p);
            }
            return out;
        }
    }

    private byte[] partitionState(int partition) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            CheckpointFormat.writeHeader(out);
            List<String> models = new ArrayList<>();
            partitionOfModel.forEach((model, p) -> {
                if (p == partition) {
                    models.add(model);
                }
            });
            out.writeInt(models.size());
            for (String model : models) {
                CheckpointFormat.writeString(out, model);
                ConceptDriftJoin join = joins.get(model);
                out.writeBoolean(join != null);
                if (join != null) {
                    join.writeTo(out);
                }
                List<MonitorRuntime> live = new ArrayList<>();
                for (MonitorSpec spec : registry.monitorsOf(model)) {
                    MonitorRuntime rt = runtimes.get(spec.name());
                    if (rt != null && rt.spec == spec) {
                        live.add(rt);
                    }
                }
                out.writeInt(live.size());
                for (MonitorRuntime rt : live) {
                    CheckpointFormat.writeString(out, rt.spec.name());
                    CheckpointFormat.writeString(out, rt.spec.toString());
                    ByteArrayOutputStream one = new ByteArrayOutputStream(256);
                    try (DataOutputStream o = new DataOutputStream(one)) {
                        rt.writeTo(o);
                    }
                    out.writeInt(one.size());
                    one.writeTo(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Forgets the state of the models of these partitions (their checkpoint was just written): after a rebalance
     * only the consumer that owns a partition holds its state and exports its gauges.
     */
    public void release(Set<Integer> partitions) {
        synchronized (lock) {
            Iterator<Map.Entry<String, Integer>> it = partitionOfModel.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Integer> e = it.next();
                if (!partitions.contains(e.getValue())) {
                    continue;
                }
                joins.remove(e.getKey());
                for (MonitorSpec spec : registry.monitorsOf(e.getKey())) {
                    dropRuntime(spec.name());
                }
                it.remove();
            }
            for (int p : partitions) {
                offsets.release(p);
                changedSinceCheckpoint.clear(p);
            }
            lastModel = null;
            lastPartition = -1;
        }
    }

    /**
     * Replaces the state of the checkpoint's models and its partition's offsets with the checkpoint's. A monitor
     * whose spec changed since (or that is gone) is left to start fresh; returns how many monitors were restored.
     * The whole checkpoint is read before anything is replaced: one that fails half-way changes nothing.
     */
    public int restore(PartitionCheckpoint checkpoint) throws IOException {
        synchronized (lock) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint.state()));
            CheckpointFormat.readHeader(in);
            Map<String, ConceptDriftJoin> restoredJoins = new LinkedHashMap<>(); // a null join: the model had none
            List<String> changed = new ArrayList<>();
            List<MonitorRuntime> restored = new ArrayList<>();
            for (int m = in.readInt(); m > 0; m--) {
                String model = CheckpointFormat.readString(in);
                ConceptDriftJoin join = null;
                if (in.readBoolean()) {
                    join = new ConceptDriftJoin(joinConfig.ttl().toMillis(), joinConfig.maxSize());
                    join.readFrom(in);
                }
                restoredJoins.put(model, join);
                for (int k = in.readInt(); k > 0; k--) {
                    String name = CheckpointFormat.readString(in);
                    String fingerprint = CheckpointFormat.readString(in);
                    byte[] state = new byte[in.readInt()];
                    in.readFully(state);
                    MonitorSpec spec = registry.get(name);
                    if (spec == null || !spec.modelName().equals(model) || !spec.toString().equals(fingerprint)) {
                        LOG.infof("monitor %s changed since the checkpoint of partition %d: it starts fresh", name, checkpoint.partition());
                        changed.add(name);
                        continue;
                    }
                    MonitorRuntime rt = new MonitorRuntime(spec, maxCategories, joinConfig, UNREGISTERED);
                    rt.readFrom(new DataInputStream(new ByteArrayInputStream(state)), UNREGISTERED); // gauges: below, once it replaces the live one
                    restored.add(rt);
                }
            }

            restoredJoins.forEach((model, join) -> {
                partitionOfModel.put(model, checkpoint.partition());
                if (join == null) {
                    joins.remove(model);
                } else {
                    joins.put(model, join);
                }
            });
            for (String name : changed) {
                dropRuntime(name);
            }
            for (MonitorRuntime rt : restored) {
                dropRuntime(rt.spec.name());
                putRuntime(rt);
                for (DetectorTrack track : rt.tracks()) {
                    trackCreated(rt, track);
                }
                registerLearnerGauges(rt);
            }
            offsets.reset(checkpoint.partition(), checkpoint.offsets());
            lastModel = null;
            lastPartition = -1;
            changedSinceCheckpoint.clear(checkpoint.partition());
            return restored.size();
        }
    }

    /** Publishes what the batch detected; completes when it is on the topic and in the database. */
    public Uni<Void> flush() {
        List<DriftEvent> events;
        List<CompletionStage<Void>> sends;
        List<LearnerRuntime.Prediction> predicted;
        synchronized (lock) {
            if (detected.isEmpty() && predictions.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            events = detected;
            detected = new ArrayList<>();
            sends = inFlight;
            inFlight = new ArrayList<>();
            predicted = predictions;
            predictions = new ArrayList<>();
        }
        publisher.store(events);
        List<Uni<Void>> pending = new ArrayList<>(sends.size() + 1);
        for (CompletionStage<Void> s : sends) {
            pending.add(Uni.createFrom().completionStage(s));
        }
        if (!predicted.isEmpty()) {
            pending.add(learnerPredictions.publish(predicted));
        }
        return pending.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(pending).andFailFast().replaceWithVoid();
    }

    /** Expires join entries past their time-to-live, so unmatched records are counted even when traffic stops. */
    @Scheduled(every = "${driftline.join.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireJoins() {
        long now = System.currentTimeMillis();
        synchronized (lock) {
            for (Map.Entry<String, ConceptDriftJoin> e : joins.entrySet()) {
                e.getValue().expire(now, new JoinListener(e.getKey(), registry.monitorsOf(e.getKey())));
            }
            for (MonitorRuntime rt : runtimes.values()) {
                if (rt.learner != null) {
                    rt.learner.expire(now);
                }
            }
        }
    }

    /**
     * The live state of a monitor for {@code GET /monitors/{name}/state}. A monitor none of whose records reached
     * this instance (none yet, or its partition is another replica's) is shown as new, without creating its state
     * or gauges here: only a partition's owner exports them.
     */
    public Map<String, Object> state(MonitorSpec spec) {
        synchronized (lock) {
            MonitorRuntime live = runtimes.get(spec.name());
            MonitorRuntime rt = live != null && live.spec == spec ? live
                    : new MonitorRuntime(spec, maxCategories, joinConfig, UNREGISTERED);
            List<Map<String, Object>> detectors = new ArrayList<>();
            for (DetectorTrack t : rt.tracks()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("kind", t.feature() == null ? DriftEvent.Kind.CONCEPT.name() : DriftEvent.Kind.DATA.name());
                if (t.feature() != null) {
                    d.put("feature", t.feature());
                }
                d.put("detector", t.type().name());
                d.put("estimate", Double.isFinite(t.estimate()) ? t.estimate() : null);
                d.put("observations", t.observations());
                d.put("state", switch (t.state()) {
                    case 1 -> "WARNING";
                    case 2 -> "DRIFT";
                    default -> "STABLE";
                });
                detectors.add(d);
            }
            Map<String, Long> missing = new LinkedHashMap<>();
            for (int i = 0; i < spec.features().size(); i++) {
                missing.put(spec.features().get(i).name(), rt.missing[i]);
            }
            ConceptDriftJoin join = joins.get(spec.modelName());
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("monitor", spec.name());
            state.put("model", spec.modelName());
            state.put("detectors", detectors);
            state.put("missingFeatures", missing);
            if (rt.learner != null) {
                state.put("learner", learnerState(rt.learner));
            }
            state.put("join", Map.of(
                    "pendingPredictions", join == null ? 0 : join.pendingPredictions(),
                    "pendingFeedback", join == null ? 0 : join.pendingFeedback()));
            return state;
        }
    }

    @Override
    public void detected(MonitorRuntime runtime, DetectorTrack track, String category, int flags) {
        if ((flags & DetectionEvents.WARNING_ON) != 0) {
            emit(event(runtime, track, category, DriftEvent.Level.WARNING));
        }
        if ((flags & DetectionEvents.DRIFT) != 0) {
            emit(event(runtime, track, category, DriftEvent.Level.DRIFT));
        }
    }

    private void emit(DriftEvent event) {
        detected.add(event);
        inFlight.add(publisher.send(event));
    }

    @Override
    public void trackCreated(MonitorRuntime runtime, DetectorTrack track) {
        String feature = track.feature() == null ? ERROR_STREAM : track.feature();
        String[] tags = {"monitor", runtime.spec.name(), "feature", feature, "detector", track.type().name()};
        metrics.gauge(DriftlineMetrics.DETECTOR_ESTIMATE, track, DetectorTrack::estimate, tags);
        metrics.gauge(DriftlineMetrics.DETECTOR_STATE, track, DetectorTrack::state, tags);
    }

    private DriftEvent event(MonitorRuntime runtime, DetectorTrack track, String category, DriftEvent.Level level) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("observations", track.observations());
        if (category != null) {
            details.put("category", category);
        }
        return new DriftEvent(UUID.randomUUID().toString(), runtime.spec.name(),
                track.feature() == null ? DriftEvent.Kind.CONCEPT : DriftEvent.Kind.DATA, track.feature(), track.type().name(),
                level, track.lastPosition(), Instant.now(), track.estimate(), details);
    }

    private MonitorRuntime runtime(MonitorSpec spec) {
        MonitorRuntime rt = runtimes.get(spec.name());
        if (rt == null || rt.spec != spec) {
            dropRuntime(spec.name());
            rt = new MonitorRuntime(spec, maxCategories, joinConfig, this);
            registerLearnerGauges(rt);
            putRuntime(rt);
        }
        return rt;
    }

    private ConceptDriftJoin join(String model, List<MonitorSpec> monitors) {
        boolean wanted = false;
        for (int i = 0; i < monitors.size(); i++) {
            wanted |= monitors.get(i).conceptDrift() != null;
        }
        if (!wanted) {
            return null;
        }
        return joins.computeIfAbsent(model, m -> new ConceptDriftJoin(joinConfig.ttl().toMillis(), joinConfig.maxSize()));
    }

    /** Called by the registry on any change: a changed or deleted monitor stops at once and restarts fresh. */
    private void monitorChanged(String name) {
        synchronized (lock) {
            dropRuntime(name);
        }
    }

    private static Map<String, Object> learnerState(LearnerRuntime learner) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", learner.type.name());
        s.put("instances", learner.evaluator.instances());
        s.put("accuracy", finite(learner.evaluator.accuracy()));
        s.put("kappa", finite(learner.evaluator.kappa()));
        s.put("windowAccuracy", finite(learner.evaluator.slidingAccuracy()));
        s.put("windowKappa", finite(learner.evaluator.slidingKappa()));
        s.put("waitingForFeedback", learner.waiting());
        s.put("expired", learner.expired);
        s.put("unmatchedFeedback", learner.unmatchedFeedback);
        if (learner.hedgeWeights() != null) {
            s.put("hedgeWeights", learner.hedgeWeights());
        }
        return s;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void registerLearnerGauges(MonitorRuntime rt) {
        if (rt.learner == null) {
            return;
        }
        LearnerRuntime learner = rt.learner;
        metrics.gauge(DriftlineMetrics.LEARNER_ACCURACY, learner, LearnerRuntime::slidingAccuracy,
                "monitor", rt.spec.name(), "learner", learner.type.name());
        double[] weights = learner.hedgeWeights();
        for (int layer = 0; weights != null && layer < weights.length; layer++) {
            int l = layer;
            metrics.gauge(DriftlineMetrics.LEARNER_HEDGE_WEIGHT, learner, r -> r.hedgeWeights()[l],
                    "monitor", rt.spec.name(), "layer", Integer.toString(layer + 1));
        }
    }

    private void removeGauges(MonitorRuntime rt) {
        if (rt.learner != null) {
            metrics.removeGauge(DriftlineMetrics.LEARNER_ACCURACY, "monitor", rt.spec.name(), "learner", rt.learner.type.name());
            double[] weights = rt.learner.hedgeWeights();
            for (int layer = 0; weights != null && layer < weights.length; layer++) {
                metrics.removeGauge(DriftlineMetrics.LEARNER_HEDGE_WEIGHT, "monitor", rt.spec.name(), "layer", Integer.toString(layer + 1));
            }
        }
        for (DetectorTrack t : rt.tracks()) {
            String feature = t.feature() == null ? ERROR_STREAM : t.feature();
            metrics.removeGauge(DriftlineMetrics.DETECTOR_ESTIMATE, "monitor", rt.spec.name(), "feature", feature, "detector", t.type().name());
            metrics.removeGauge(DriftlineMetrics.DETECTOR_STATE, "monitor", rt.spec.name(), "feature", feature, "detector", t.type().name());
        }
    }

    private void count(InputStream stream, List<MonitorSpec> monitors) {
        if (monitors.isEmpty()) {
            unmonitored.count(stream);
            return;
        }
        for (int i = 0; i < monitors.size(); i++) {
            runtime(monitors.get(i)).records.count(stream);
        }
    }

    /**
     * Adds the records counted since the last call to {@code driftline_records_total}: once per batch, at its end,
     * under {@link #lock()}. A monitor's count is also added when its runtime is dropped.
     */
    public void flushRecordCounts() {
        for (MonitorRuntime rt : runtimes.values()) {
            rt.records.flush(metrics);
        }
        unmonitored.flush(metrics);
    }

    /**
     * The runtimes of a model's monitors for a feature record, kept for the next feature record of the same model
     * (the usual case within a batch) instead of a lookup per monitor and record: valid while the registry hands out
     * the same list (it makes a new one on any change) and no runtime was added or dropped since.
     */
    private MonitorRuntime[] runtimesOf(List<MonitorSpec> monitors) {
        if (monitors == lastMonitors && lastRuntimesVersion == runtimesVersion) {
            return lastRuntimes;
        }
        MonitorRuntime[] rts = new MonitorRuntime[monitors.size()];
        for (int i = 0; i < rts.length; i++) {
            rts[i] = runtime(monitors.get(i));
        }
        lastMonitors = monitors;
        lastRuntimes = rts;
        lastRuntimesVersion = runtimesVersion;
        return rts;
    }

    private void putRuntime(MonitorRuntime rt) {
        runtimes.put(rt.spec.name(), rt);
        runtimesVersion++;
    }

    /** Drops the runtime of a monitor, if any, its counts added and its gauges removed. */
    private void dropRuntime(String name) {
        MonitorRuntime rt = runtimes.remove(name);
        runtimesVersion++;
        if (rt != null) {
            rt.records.flush(metrics);
            removeGauges(rt);
        }
    }

    /** Turns a joined pair into the error value of each monitor's task and counts join outcomes per monitor. */
    private final class JoinListener implements ConceptDriftJoin.Listener {
        private final String model;
        private final List<MonitorSpec> monitors;

        JoinListener(String model, List<MonitorSpec> monitors) {
            this.model = model;
            this.monitors = monitors;
        }

        @Override
        public void joined(ConceptDriftJoin.Side prediction, ConceptDriftJoin.Side feedback) {
            for (int i = 0; i < monitors.size(); i++) {
                MonitorSpec spec = monitors.get(i);
                if (spec.conceptDrift() != null) {
                    runtime(spec).onError(error(spec.conceptDrift(), prediction, feedback), MonitorPipeline.this);
                }
            }
        }

        @Override
        public void outcome(ConceptDriftJoin.Outcome outcome, int n) {
            for (int i = 0; i < monitors.size(); i++) {
                if (monitors.get(i).conceptDrift() != null) {
                    runtime(monitors.get(i)).joinOutcomes(outcome, metrics).increment(n);
                }
            }
        }
    }

    static double error(MonitorSpec.ConceptDriftConfig config, ConceptDriftJoin.Side prediction, ConceptDriftJoin.Side feedback) {
        if (config.taskOrDefault() == MonitorSpec.Task.CLASSIFICATION) {
            String p = prediction.label != null ? prediction.label : MonitorRuntime.canonical(prediction.value);
            String y = feedback.label != null ? feedback.label : MonitorRuntime.canonical(feedback.value);
            return p.equals(y) ? 0.0 : 1.0;
        }
        double p = prediction.label != null ? parse(prediction.label) : prediction.value;
        double y = feedback.label != null ? parse(feedback.label) : feedback.value;
        double diff = p - y;
        return config.errorMetricOrDefault() == MonitorSpec.ErrorMetric.SQUARED ? diff * diff : Math.abs(diff);
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
