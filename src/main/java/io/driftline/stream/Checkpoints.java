package io.driftline.stream;

import io.driftline.DriftlineMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Checkpoints of the monitors' detector, learner and join state to PostgreSQL, one row per consumer group and input
 * partition, written with the offsets they reflect (DESIGN.md): every {@code driftline.checkpoint.interval}, when
 * partitions are revoked and at shutdown. When the channel's consumer is assigned a partition that has one, the
 * state is restored and the consumer seeks to its offsets, so detector positions continue across a restart or a
 * rebalance. Records processed after the last checkpoint before a crash are processed again: their drift events
 * can be published twice (at least once), with the same positions.
 */
@ApplicationScoped
@Default
@Identifier(Checkpoints.LISTENER)
public class Checkpoints implements KafkaConsumerRebalanceListener {
    static final String LISTENER = "driftline-checkpoints";
    private static final Logger LOG = Logger.getLogger(Checkpoints.class);
    private static final Duration BLOCKING_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final MonitorPipeline pipeline;
    private final DriftlineMetrics metrics;
    private final String group;
    private final boolean enabled;
    private volatile boolean due;

    Checkpoints(Pool pool, MonitorPipeline pipeline, DriftlineMetrics metrics,
            @ConfigProperty(name = "mp.messaging.incoming.events-in.group.id", defaultValue = "driftline") String group,
            @ConfigProperty(name = "driftline.checkpoint.enabled", defaultValue = "true") boolean enabled) {
        this.pool = pool;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.group = group;
        this.enabled = enabled;
    }

    @Scheduled(every = "${driftline.checkpoint.interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        due = enabled;
    }

    /** True once per interval: the consumer then takes the checkpoints of the partitions it changed. */
    boolean due() {
        if (!due) {
            return false;
        }
        due = false;
        return true;
    }

    /**
     * Writes the checkpoints (null: nothing to write); true when they are stored. A failure is logged and counted,
     * never thrown: the next interval retries.
     */
    Uni<Boolean> save(List<PartitionCheckpoint> checkpoints) {
        if (checkpoints == null || checkpoints.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return pool.withTransaction(conn -> {
            List<Tuple> rows = checkpoints.stream().map(c -> Tuple.of(group, c.partition(), encode(c.offsets()),
                    Buffer.buffer(c.state()))).toList();
            return conn.preparedQuery("""
                    INSERT INTO checkpoint (consumer_group, partition_id, offsets, state, written_at)
                    VALUES ($1, $2, $3, $4, now())
                    ON CONFLICT (consumer_group, partition_id)
                    DO UPDATE SET offsets = EXCLUDED.offsets, state = EXCLUDED.state, written_at = EXCLUDED.written_at""")
                    .executeBatch(rows);
        }).map(rows -> {
            metrics.counter(DriftlineMetrics.CHECKPOINTS, "outcome", "written").increment(checkpoints.size());
            return true;
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "could not write the checkpoints of partitions %s; the next interval retries",
                    checkpoints.stream().map(PartitionCheckpoint::partition).toList());
            metrics.counter(DriftlineMetrics.CHECKPOINTS, "outcome", "failed").increment(checkpoints.size());
            return false;
        });
    }

    /** The stored checkpoint of {@code partition} of this consumer group, or null. */
    Uni<PartitionCheckpoint> load(int partition) {
        return pool.preparedQuery("SELECT offsets, state FROM checkpoint WHERE consumer_group = $1 AND partition_id = $2")
                .execute(Tuple.of(group, partition))
                .map(RowSet::iterator)
                .map(it -> {
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    return new PartitionCheckpoint(partition, decode(row.getString("offsets")), row.getBuffer("state").getBytes());
                });
    }

    /** On the consumer's poll thread, before any record of these partitions is fetched: restore, then seek. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!enabled) {
            return;
        }
        pipeline.assigned(numbers(partitions));
        for (int partition : numbers(partitions)) {
            PartitionCheckpoint checkpoint;
            try {
                checkpoint = load(partition).await().atMost(BLOCKING_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not read the checkpoint of partition %d: its monitors start fresh from the committed offsets", partition);
                continue;
            }
            if (checkpoint == null) {
                continue;
            }
            int monitors;
            try {
                monitors = pipeline.restore(checkpoint);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warnf(e, "unreadable checkpoint of partition %d: its monitors start fresh from the committed offsets", partition);
                continue;
            }
            for (TopicPartition tp : partitions) {
                Long next = checkpoint.offsets().get(tp.topic());
                if (tp.partition() == partition && next != null) {
                    consumer.seek(tp, next);
                }
            }
            LOG.infof("restored the checkpoint of partition %d: %d monitor(s), resuming at offsets %s", partition, monitors,
                    checkpoint.offsets());
        }
        // A topic-partition the state has no offset for (no checkpoint, or none of its records before it) starts
        // where the consumer does; the next checkpoint names it, so a restore after a crash replays it as well.
        for (TopicPartition tp : partitions) {
            try {
                pipeline.startAt(tp.topic(), tp.partition(), consumer.position(tp));
            } catch (RuntimeException e) {
                LOG.warnf(e, "no starting position for %s: a crash before its first record is processed would skip it", tp);
            }
        }
    }

    /**
     * The state of revoked partitions is written before another consumer (or this one again) restores it, then
     * forgotten here. Should the write fail, the next owner restores the previous checkpoint and processes again
     * what came after it.
     */
    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!enabled || partitions.isEmpty() || pipeline.stopped()) {
            return; // stopped: the shutdown checkpoint holds everything, and the pool may be closed by now
        }
        Set<Integer> revoked = numbers(partitions);
        try {
            save(pipeline.checkpoints(revoked)).await().atMost(BLOCKING_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not write the checkpoints of revoked partitions %s", revoked);
        }
        pipeline.release(revoked);
    }

    /** Stops processing and writes every partition's state, so that a restart continues exactly here. */
    void onStop(@Observes ShutdownEvent event) {
        if (!enabled) {
            return;
        }
        pipeline.stop();
        List<PartitionCheckpoint> all = pipeline.checkpoints(true);
        try {
            if (save(all).await().atMost(BLOCKING_TIMEOUT)) {
                LOG.infof("wrote the checkpoints of %d partition(s) at shutdown", all.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not write the checkpoints at shutdown");
        }
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code topic=offset} pairs, comma-separated (topic names never contain either character). */
    static String encode(Map<String, Long> offsets) {
        return offsets.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    static Map<String, Long> decode(String text) {
        Map<String, Long> offsets = new HashMap<>();
        if (text == null || text.isBlank()) {
            return offsets;
        }
        for (String pair : text.split(",")) {
            int eq = pair.lastIndexOf('=');
            offsets.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return offsets;
    }
}
