package io.driftline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.DriftlineMetrics;
import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The history table's writer against the real database. A table lock held by another transaction keeps its first
 * write in flight, so what is stored meanwhile must wait, go into one later transaction together, and past the
 * bound be counted instead of stored; within the write interval, events wait for one write together. Rows of one
 * write share their transaction id (xmin).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class DriftEventHistoryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    DriftlineMetrics metrics;

    @Inject
    ObjectMapper mapper;

    @Inject
    DriftEventHistory history;

    @Inject
    Vertx vertx;

    @Inject
    Mutiny.SessionFactory sessions;

    static DriftEvent event(String monitor, long position, Map<String, Object> details, String feature) {
        return new DriftEvent(UUID.randomUUID().toString(), monitor, DriftEvent.Kind.DATA, feature, "ADWIN",
                DriftEvent.Level.DRIFT, position, Instant.now().truncatedTo(ChronoUnit.MICROS), Double.NaN, details);
    }

    /** Transaction ids (xmin) of the stored rows of a monitor, by position. */
    Map<Long, Long> stored(String monitor) {
        Map<Long, Long> byPosition = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT position, xmin::text::bigint AS tx FROM drift_event WHERE monitor = $1")
                .execute(Tuple.of(monitor)).await().atMost(WAIT)) {
            byPosition.put(row.getLong("position"), row.getLong("tx"));
        }
        return byPosition;
    }

    double unstored() {
        return metrics.counter(DriftlineMetrics.DRIFT_EVENTS_UNSTORED).count();
    }

    @Test
    void storesEveryColumnAsTheContractSays() {
        String monitor = "history-row-" + UUID.randomUUID().toString().substring(0, 8);
        DriftEvent withDetails = event(monitor, 41, Map.of("delta", 0.002), "f0");
        DriftEvent without = new DriftEvent(UUID.randomUUID().toString(), monitor, DriftEvent.Kind.CONCEPT, null, "DDM",
                DriftEvent.Level.WARNING, 7, Instant.now().truncatedTo(ChronoUnit.MICROS), 0.25, null);
        history.store(List.of(withDetails, without));

        await().atMost(WAIT).until(() -> stored(monitor).size() == 2);
        Map<Long, Row> rows = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT * FROM drift_event WHERE monitor = $1").execute(Tuple.of(monitor)).await().atMost(WAIT)) {
            rows.put(row.getLong("position"), row);
        }
        Row first = rows.get(41L);
        assertThat(first.getUUID("event_id")).isEqualTo(UUID.fromString(withDetails.eventId()));
        assertThat(first.getString("kind")).isEqualTo("DATA");
        assertThat(first.getString("feature")).isEqualTo("f0");
        assertThat(first.getString("detector")).isEqualTo("ADWIN");
        assertThat(first.getString("level")).isEqualTo("DRIFT");
        assertThat(first.getOffsetDateTime("ts").toInstant()).isEqualTo(withDetails.ts());
        assertThat(first.getDouble("estimate")).isEqualTo(0.0); // NaN is not stored: the column is a plain number
        assertThat(first.getString("details")).isEqualTo("{\"delta\":0.002}");
        Row second = rows.get(7L);
        assertThat(second.getString("kind")).isEqualTo("CONCEPT");
        assertThat(second.getString("feature")).isNull();
        assertThat(second.getString("level")).isEqualTo("WARNING");
        assertThat(second.getDouble("estimate")).isEqualTo(0.25);
        assertThat(second.getString("details")).isNull();
    }

    @Test
    void writesWhatArrivesDuringAWriteInOneLaterTransactionAndCountsWhatIsBeyondTheBound() {
        String monitor = "history-queue-" + UUID.randomUUID().toString().substring(0, 8);
        DriftEventHistory bounded = new DriftEventHistory(sessions, metrics, mapper, vertx, 3, Duration.ZERO);
        double unstoredBefore = unstored();

        SqlConnection blocker = pool.getConnection().await().atMost(WAIT);
        Transaction lock = blocker.begin().await().atMost(WAIT);
        try {
            blocker.query("LOCK TABLE drift_event IN EXCLUSIVE MODE").execute().await().atMost(WAIT);
            bounded.store(List.of(event(monitor, 0, null, "f0"))); // written at once, and held by the lock
            await().atMost(WAIT).until(() -> waitingForLock(blocker));
            bounded.store(List.of(event(monitor, 1, null, "f0"), event(monitor, 2, null, "f0")));
            bounded.store(List.of(event(monitor, 3, null, "f0"), event(monitor, 4, null, "f0"))); // one fits the bound
            assertThat(unstored() - unstoredBefore).isEqualTo(1.0);
        } finally {
            lock.commit().await().atMost(WAIT);
            blocker.close().await().atMost(WAIT);
        }

        await().atMost(WAIT).until(() -> stored(monitor).size() == 4);
        Map<Long, Long> tx = stored(monitor);
        assertThat(tx).containsOnlyKeys(0L, 1L, 2L, 3L);
        assertThat(tx.get(1L)).isEqualTo(tx.get(2L)).isEqualTo(tx.get(3L)).isNotEqualTo(tx.get(0L));
        assertThat(unstored() - unstoredBefore).isEqualTo(1.0);

        // idle again: the next event is written at once, in a transaction of its own
        bounded.store(List.of(event(monitor, 5, null, "f0")));
        await().atMost(WAIT).until(() -> stored(monitor).size() == 5);
        assertThat(stored(monitor).get(5L)).isNotEqualTo(tx.get(1L));
    }

    @Test
    void writesAtMostOncePerIntervalAndALoneEventAtOnce() {
        String monitor = "history-interval-" + UUID.randomUUID().toString().substring(0, 8);
        DriftEventHistory paced = new DriftEventHistory(sessions, metrics, mapper, vertx, 100, Duration.ofSeconds(2));
        paced.store(List.of(event(monitor, 0, null, "f0"))); // nothing written for 2 s: at once
        await().atMost(Duration.ofMillis(1500)).until(() -> stored(monitor).size() == 1);
        paced.store(List.of(event(monitor, 1, null, "f0")));
        paced.store(List.of(event(monitor, 2, null, "f0")));
        await().atMost(WAIT).until(() -> stored(monitor).size() == 3);
        Map<Long, Long> tx = stored(monitor);
        assertThat(tx.get(1L)).isEqualTo(tx.get(2L)).isNotEqualTo(tx.get(0L));
    }

    @Test
    void writesWhatWaitsForItsIntervalAtShutdown() {
        String monitor = "history-drain-" + UUID.randomUUID().toString().substring(0, 8);
        DriftEventHistory paced = new DriftEventHistory(sessions, metrics, mapper, vertx, 100, Duration.ofMinutes(10));
        paced.store(List.of(event(monitor, 0, null, "f0")));
        await().atMost(WAIT).until(() -> stored(monitor).size() == 1);
        paced.store(List.of(event(monitor, 1, null, "f0"), event(monitor, 2, null, "f0"))); // due in 10 minutes
        paced.drain(WAIT);
        assertThat(stored(monitor)).containsOnlyKeys(0L, 1L, 2L);
    }

    /** Whether another session waits for a lock that the blocker holds (the first write's INSERT). */
    boolean waitingForLock(SqlConnection blocker) {
        Row row = blocker.query("SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = 'drift_event'::regclass")
                .execute().await().atMost(WAIT).iterator().next();
        return row.getLong("n") > 0;
    }
}
