package io.driftline.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.DriftlineMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionStage;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Where every detection goes: the {@code driftline.drift-events} topic (keyed by monitor), the history table
 * and {@code driftline_drift_events_total}. The Kafka write starts at detection; the database write never holds the stream.
 */
@ApplicationScoped
public class DriftEventPublisher {
    private final MutinyEmitter<byte[]> emitter;
    private final DriftEventHistory history;
    private final DriftlineMetrics metrics;
    private final ObjectMapper mapper;

    DriftEventPublisher(@Channel("drift-events-out") MutinyEmitter<byte[]> emitter, DriftEventHistory history,
            DriftlineMetrics metrics, ObjectMapper mapper) {
        this.emitter = emitter;
        this.history = history;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /**
     * Starts the Kafka write of one detection at once (not at the end of the batch) and counts it; the stage
     * completes when the broker has it, which is what the consumer waits for before committing.
     */
    public CompletionStage<Void> send(DriftEvent e) {
        metrics.counter(DriftlineMetrics.DRIFT_EVENTS, "monitor", e.monitor(), "kind", e.kind().name(),
                "level", e.level().name(), "detector", e.detector()).increment();
        return emitter.sendMessage(Message.of(json(e))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(e.monitor()).build()))
                .subscribeAsCompletionStage();
    }

    /** Hands detections to the history table, written behind the stream ({@link DriftEventHistory}). */
    public void store(List<DriftEvent> events) {
        history.store(events);
    }

    private byte[] json(DriftEvent e) {
        try {
            return mapper.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
