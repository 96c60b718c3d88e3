package io.driftline.devstack;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, loopback listeners) from Apache Kafka's
 * own Maven artifacts, the version of the BOM's kafka-clients. With a log directory it keeps its topics
 * across restarts (the cluster id is stored beside the logs).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;

    private EmbeddedKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker on {@code port} (0 = a free one) with its logs in {@code logDir} (null = a temporary folder). */
    public static EmbeddedKafka start(Path logDir, int port) throws IOException {
        int kafkaPort = port == 0 ? EmbeddedPostgres.freePort() : port;
        int controllerPort = EmbeddedPostgres.freePort();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort);
        String logDirs = logDir == null ? null : logDir.resolve("logs").toAbsolutePath().toString();
        if (logDir != null) {
            Files.createDirectories(logDir);
            Path idFile = logDir.resolve("driftline-cluster-id");
            String clusterId;
            if (Files.exists(idFile)) {
                clusterId = Files.readString(idFile).trim();
            } else {
                clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
                Files.writeString(idFile, clusterId);
            }
            broker = broker.withClusterId(clusterId).withDeleteLogDirsOnClose(false);
        } else {
            broker = broker.withDeleteLogDirsOnClose(true);
        }
        // ONE modifier: the companion broker keeps only the last one it is given. Two calls once dropped log.dir,
        // so a dev stack's topics went to a new folder under java.io.tmpdir at every start and were never deleted.
        broker = broker.withAdditionalProperties(p -> {
            if (logDirs != null) {
                p.put("log.dir", logDirs); // the companion creates a temporary folder only when log.dir is unset
                p.put("metadata.log.dir", logDirs);
            }
            p.put("num.partitions", "3");
            p.put("auto.create.topics.enable", "true");
            p.put("offsets.topic.replication.factor", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            // Kafka's defaults (8 I/O and 3 network threads) are sized for a server; on a laptop or a 2-core CI
            // machine the extra threads only add context switches beside the service and its clients.
            int cores = Runtime.getRuntime().availableProcessors();
            p.put("num.io.threads", String.valueOf(Math.max(2, cores)));
            p.put("num.network.threads", String.valueOf(Math.max(1, cores / 2)));
        });
        return new EmbeddedKafka(broker.start());
    }

    /** The folders the broker writes its topics to. */
    public java.util.List<String> logDirs() {
        return broker.getLogDirs();
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners();
    }

    @Override
    public void close() {
        broker.close();
    }
}
