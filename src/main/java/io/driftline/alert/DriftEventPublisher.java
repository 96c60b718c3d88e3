package io.driftline.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.DriftlineMetrics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.CompletionStage;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Where every detection goes: the {@code driftline.drift-events} topic (keyed by monitor), the history table
 * and {@code driftline_drift_events_total}. The Kafka write starts at detection; the database write never holds the stream.
 */
@ApplicationScoped
public class DriftEventPublisher {
    private static final Logger LOG = Logger.getLogger(DriftEventPublisher.class);
    private final MutinyEmitter<byte[]> emitter;
    private final DriftEventRepository repository;
    private final DriftlineMetrics metrics;
    private final ObjectMapper mapper;

    DriftEventPublisher(@Channel("drift-events-out") MutinyEmitter<byte[]> emitter, DriftEventRepository repository,
            DriftlineMetrics metrics, ObjectMapper mapper) {
        this.emitter = emitter;
        this.repository = repository;
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

    /**
     * Writes detections to the history table in the background: the stream never waits for the database
     * (the topic is the system of record for consumers); a failed write is logged and counted in
     * {@code driftline_drift_events_unstored_total}.
     */
    public void store(List<DriftEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<DriftEventEntity> entities = new ArrayList<>(events.size());
        for (DriftEvent e : events) {
            entities.add(toEntity(e));
        }
        Panache.withTransaction(() -> repository.persist(entities)).subscribe().with(
                done -> {
                },
                failure -> {
                    LOG.errorf(failure, "could not store %d drift event(s) in the history table", entities.size());
                    metrics.counter(DriftlineMetrics.DRIFT_EVENTS_UNSTORED).increment(entities.size());
                });
    }

    private byte[] json(DriftEvent e) {
        try {
            return mapper.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private DriftEventEntity toEntity(DriftEvent e) {
        DriftEventEntity entity = new DriftEventEntity();
        entity.eventId = UUID.fromString(e.eventId());
        entity.monitor = e.monitor();
        entity.kind = e.kind().name();
        entity.feature = e.feature();
        entity.detector = e.detector();
        entity.level = e.level().name();
        entity.position = e.position();
        entity.ts = e.ts().atOffset(ZoneOffset.UTC);
        entity.estimate = Double.isFinite(e.estimate()) ? e.estimate() : 0;
        try {
            entity.details = e.details() == null ? null : mapper.writeValueAsString(e.details());
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
        return entity;
    }

    /** Maps a stored row back to the contract. */
    public DriftEvent fromEntity(DriftEventEntity entity) {
        java.util.Map<String, Object> details = null;
        if (entity.details != null) {
            try {
                details = mapper.readValue(entity.details, new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {
                });
            } catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return new DriftEvent(entity.eventId.toString(), entity.monitor, DriftEvent.Kind.valueOf(entity.kind), entity.feature,
                entity.detector, DriftEvent.Level.valueOf(entity.level), entity.position, entity.ts.toInstant(), entity.estimate, details);
    }
}
