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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Where every detection goes: the {@code driftline.drift-events} topic (keyed by monitor), the history table
 * and {@code driftline_drift_events_total}. The Kafka write is not held back by the database write.
 */
@ApplicationScoped
public class DriftEventPublisher {
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

    public Uni<Void> publish(List<DriftEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size() + 1);
        List<DriftEventEntity> entities = new ArrayList<>(events.size());
        for (DriftEvent e : events) {
            metrics.counter(DriftlineMetrics.DRIFT_EVENTS, "monitor", e.monitor(), "kind", e.kind().name(),
                    "level", e.level().name(), "detector", e.detector()).increment();
            sends.add(emitter.sendMessage(Message.of(json(e))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(e.monitor()).build())));
            entities.add(toEntity(e));
        }
        sends.add(Panache.withTransaction(() -> repository.persist(entities)));
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
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
