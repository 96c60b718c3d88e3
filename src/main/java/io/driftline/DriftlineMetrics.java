package io.driftline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every Driftline metric name in one place, and the series cap: label values come from monitor specs, and
 * once {@code driftline.metrics.max-series} series exist new ones fold into the label value {@code _other}.
 */
@ApplicationScoped
public class DriftlineMetrics {
    public static final String RECORDS = "driftline.records";
    public static final String DEAD_LETTERS = "driftline.dead.letters";
    public static final String DRIFT_EVENTS = "driftline.drift.events";
    public static final String DRIFT_EVENTS_UNSTORED = "driftline.drift.events.unstored";
    public static final String DETECTOR_ESTIMATE = "driftline.detector.estimate";
    public static final String DETECTOR_STATE = "driftline.detector.state";
    public static final String LEARNER_ACCURACY = "driftline.learner.accuracy";
    public static final String LEARNER_HEDGE_WEIGHT = "driftline.learner.hedge.weight";
    public static final String FEEDBACK_JOINED = "driftline.feedback.joined";
    public static final String CHECKPOINTS = "driftline.checkpoints";
    public static final String OTHER = "_other";

    private final MeterRegistry registry;
    private final int maxSeries;
    private final AtomicInteger series = new AtomicInteger();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    DriftlineMetrics(MeterRegistry registry, @ConfigProperty(name = "driftline.metrics.max-series", defaultValue = "10000") int maxSeries) {
        this.registry = registry;
        this.maxSeries = maxSeries;
    }

    /** A cached counter; the key string is built by the caller from bounded label values. */
    public Counter counter(String name, String... tagPairs) {
        String key = cacheKey(name, tagPairs);
        Counter c = counters.get(key);
        if (c != null) {
            return c;
        }
        if (series.get() >= maxSeries) {
            return counters.computeIfAbsent(name + OTHER, k -> registry.counter(name, Tags.of(otherTags(tagPairs))));
        }
        return counters.computeIfAbsent(key, k -> {
            series.incrementAndGet();
            return registry.counter(name, Tags.of(tagPairs));
        });
    }

    /** Registers a gauge that reads a live value, under the same series cap (false when the cap is reached). */
    public <T> boolean gauge(String name, T target, java.util.function.ToDoubleFunction<T> value, String... tagPairs) {
        if (series.get() >= maxSeries) {
            return false;
        }
        series.incrementAndGet();
        io.micrometer.core.instrument.Gauge.builder(name, target, value).tags(tagPairs).strongReference(true).register(registry);
        return true;
    }

    public void removeGauge(String name, String... tagPairs) {
        var meter = registry.find(name).tags(tagPairs).gauge();
        if (meter != null) {
            registry.remove(meter);
            series.decrementAndGet();
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    private static String cacheKey(String name, String[] tagPairs) {
        StringBuilder sb = new StringBuilder(name);
        for (String t : tagPairs) {
            sb.append('\u0000').append(t);
        }
        return sb.toString();
    }

    private static String[] otherTags(String[] tagPairs) {
        String[] copy = tagPairs.clone();
        for (int i = 1; i < copy.length; i += 2) {
            copy[i] = OTHER;
        }
        return copy;
    }
}
