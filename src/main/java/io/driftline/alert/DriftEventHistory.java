package io.driftline.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.DriftlineMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Writes drift events to the history table ({@link DriftEventEntity}) behind the stream, batched: one write in
 * flight, at most one write per {@code driftline.history.write-interval}, and what arrives meanwhile goes into the
 * next one. A lone event is written at once; a burst becomes a few transactions instead of one per consumer batch.
 * At 1,350 drift events/s (the load harness's latency run) a transaction per batch took a third of the event loop
 * and 0.15 cores of PostgreSQL; the stream never waits for the table (the topic is the system of record). A write is
 * one transaction of a stateless session with its inserts sent as one batch. Events waiting beyond
 * {@code driftline.history.max-pending} (the database slow or down) are not stored, and are counted in
 * {@code driftline_drift_events_unstored_total} with those of a failed write. At shutdown what waits is written at once.
 * The one place that maps a drift event to its row and back.
 */
@ApplicationScoped
public class DriftEventHistory {
    private static final Logger LOG = Logger.getLogger(DriftEventHistory.class);
    private static final long OVERFLOW_LOG_NANOS = 10_000_000_000L; // one line per 10 s is enough to see it

    private final Mutiny.SessionFactory sessions;
    private final DriftlineMetrics metrics;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final int maxPending;
    private final long intervalNanos;

    private final Object lock = new Object();
    private List<DriftEventEntity> pending = new ArrayList<>();
    // a write is in flight or waits for its timer: what arrives now goes into it
    private boolean scheduled;
    private long timer = -1; // the Vert.x timer of a write waiting for its interval
    private boolean closing; // at shutdown: write what is pending without waiting for the interval
    private long lastWriteStart;
    private long lastOverflowLog;

    @Inject
    DriftEventHistory(Mutiny.SessionFactory sessions, DriftlineMetrics metrics, ObjectMapper mapper, Vertx vertx,
            @ConfigProperty(name = "driftline.history.max-pending", defaultValue = "100000") int maxPending,
            @ConfigProperty(name = "driftline.history.write-interval", defaultValue = "100ms") Duration writeInterval) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.mapper = mapper;
        this.vertx = vertx;
        this.maxPending = maxPending;
        this.intervalNanos = writeInterval.toNanos();
        long now = System.nanoTime();
        this.lastWriteStart = now - intervalNanos;
        this.lastOverflowLog = now - OVERFLOW_LOG_NANOS;
    }

    /** Queues the events for the table and returns at once. */
    public void store(List<DriftEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<DriftEventEntity> rows = new ArrayList<>(events.size());
        for (DriftEvent e : events) {
            rows.add(toEntity(e));
        }
        synchronized (lock) {
            int room = maxPending - pending.size();
            if (room < rows.size()) {
                unstored(rows.size() - room, "more than driftline.history.max-pending (" + maxPending + ") waiting");
                rows = rows.subList(0, room);
            }
            pending.addAll(rows);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        writeWhenDue();
    }

    /** Writes what is pending now, or once the interval since the last write has passed. */
    private void writeWhenDue() {
        synchronized (lock) {
            long wait = intervalNanos - (System.nanoTime() - lastWriteStart);
            if (wait > 0 && !closing) {
                timer = vertx.setTimer(Math.max(1, wait / 1_000_000), id -> {
                    synchronized (lock) {
                        timer = -1;
                    }
                    write();
                });
                return;
            }
        }
        write();
    }

    /** At shutdown: writes what is pending at once and waits (up to {@code timeout}) until it is stored. */
    void drain(Duration timeout) {
        boolean now = false;
        synchronized (lock) {
            closing = true;
            if (timer >= 0 && vertx.cancelTimer(timer)) {
                timer = -1;
                now = true;
            }
        }
        if (now) {
            write();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            for (long left = timeout.toNanos(); scheduled && left > 0; left = deadline - System.nanoTime()) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (scheduled) {
                LOG.warnf("%d drift event(s) were not yet in the history table at shutdown (the topic has them)", pending.size());
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        drain(Duration.ofSeconds(5));
    }

    private void write() {
        List<DriftEventEntity> rows;
        synchronized (lock) {
            rows = pending;
            pending = new ArrayList<>();
            lastWriteStart = System.nanoTime();
        }
        // Hibernate Reactive runs on a safe duplicated context of its own, wherever this was called from (a timer, the
        // consumer's context after a batch).
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> sessions.withStatelessTransaction(session -> session.insertAll(rows.size(), rows.toArray()))
                .subscribe().with(
                        done -> written(),
                        failure -> {
                            LOG.errorf(failure, "could not store %d drift event(s) in the history table", rows.size());
                            metrics.counter(DriftlineMetrics.DRIFT_EVENTS_UNSTORED).increment(rows.size());
                            written();
                        }));
    }

    private void written() {
        synchronized (lock) {
            if (pending.isEmpty()) {
                scheduled = false;
                lock.notifyAll();
                return;
            }
        }
        writeWhenDue();
    }

    /** Called under the lock. */
    private void unstored(int count, String why) {
        metrics.counter(DriftlineMetrics.DRIFT_EVENTS_UNSTORED).increment(count);
        long now = System.nanoTime();
        if (now - lastOverflowLog >= OVERFLOW_LOG_NANOS) {
            lastOverflowLog = now;
            LOG.warnf("%d drift event(s) not stored in the history table: %s", count, why);
        }
    }

    /** Maps a detection to its row. */
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
        Map<String, Object> details = null;
        if (entity.details != null) {
            try {
                details = mapper.readValue(entity.details, new TypeReference<Map<String, Object>>() {
                });
            } catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return new DriftEvent(entity.eventId.toString(), entity.monitor, DriftEvent.Kind.valueOf(entity.kind), entity.feature,
                entity.detector, DriftEvent.Level.valueOf(entity.level), entity.position, entity.ts.toInstant(), entity.estimate, details);
    }
}
