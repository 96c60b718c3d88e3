package io.driftline.stream;

import io.driftline.DriftlineMetrics;
import io.driftline.alert.DriftEvent;
import io.driftline.alert.DriftEventPublisher;
import io.driftline.detect.DetectionEvents;
import io.driftline.monitor.DetectorTrack;
import io.driftline.monitor.MonitorRegistry;
import io.driftline.monitor.MonitorSpec;
import io.micrometer.core.instrument.Counter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Routes parsed events to the monitors of their model and runs their detectors: feature values to data-drift
 * detectors, predictions joined with feedback to the concept-drift detector. Detections are collected per
 * batch and handed to the {@link DriftEventPublisher} by {@link #flush()}.
 *
 * <p>All state is touched under {@link #lock()}: the consumer holds it for a whole batch, so it is
 * uncontended on the record path; the expiry sweep and state reads take it briefly.
 */
@ApplicationScoped
public class MonitorPipeline implements MonitorRuntime.Detections {
    static final String UNMONITORED = "_unmonitored";
    static final String ERROR_STREAM = "_error";

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
    private final Counter[] unmonitored = new Counter[InputStream.values().length];
    private List<LearnerRuntime.Prediction> predictions = new ArrayList<>();
    private final LearnerPredictions learnerPredictions;

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
        List<MonitorSpec> monitors = registry.monitorsOf(event.model());
        count(InputStream.FEATURES, monitors);
        for (int i = 0; i < monitors.size(); i++) {
            MonitorRuntime rt = runtime(monitors.get(i));
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

    /** The live state of a monitor for {@code GET /monitors/{name}/state}. */
    public Map<String, Object> state(MonitorSpec spec) {
        synchronized (lock) {
            MonitorRuntime rt = runtime(spec);
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
            if (rt != null) {
                removeGauges(rt);
            }
            rt = new MonitorRuntime(spec, maxCategories, joinConfig, this);
            registerLearnerGauges(rt);
            runtimes.put(spec.name(), rt);
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
            MonitorRuntime rt = runtimes.remove(name);
            if (rt != null) {
                removeGauges(rt);
            }
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
            Counter c = unmonitored[stream.ordinal()];
            if (c == null) {
                c = metrics.counter(DriftlineMetrics.RECORDS, "stream", stream.label(), "monitor", UNMONITORED);
                unmonitored[stream.ordinal()] = c;
            }
            c.increment();
            return;
        }
        for (int i = 0; i < monitors.size(); i++) {
            runtime(monitors.get(i)).records(stream, metrics).increment();
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
