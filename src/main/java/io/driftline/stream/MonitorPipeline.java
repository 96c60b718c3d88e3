package io.driftline.stream;

import io.driftline.DriftlineMetrics;
import io.driftline.monitor.MonitorRegistry;
import io.driftline.monitor.MonitorSpec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Routes parsed events to the monitors of their model. Called only from the single consumer thread of
 * {@link EventsProcessor}, in Kafka order.
 */
@ApplicationScoped
public class MonitorPipeline {
    static final String UNMONITORED = "_unmonitored";

    private final MonitorRegistry registry;
    private final DriftlineMetrics metrics;

    MonitorPipeline(MonitorRegistry registry, DriftlineMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    public void onFeatures(FeatureEvent event) {
        count(InputStream.FEATURES, registry.monitorsOf(event.model()));
    }

    public void onPrediction(PredictionEvent event) {
        count(InputStream.PREDICTIONS, registry.monitorsOf(event.model()));
    }

    public void onFeedback(FeedbackEvent event) {
        count(InputStream.FEEDBACK, registry.monitorsOf(event.model()));
    }

    /** Completes when what the batch produced is handed to its sinks. */
    public Uni<Void> flush() {
        return Uni.createFrom().voidItem();
    }

    private void count(InputStream stream, List<MonitorSpec> monitors) {
        if (monitors.isEmpty()) {
            metrics.counter(DriftlineMetrics.RECORDS, "stream", stream.label(), "monitor", UNMONITORED).increment();
            return;
        }
        for (int i = 0; i < monitors.size(); i++) {
            metrics.counter(DriftlineMetrics.RECORDS, "stream", stream.label(), "monitor", monitors.get(i).name()).increment();
        }
    }
}
