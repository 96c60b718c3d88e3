package io.driftline.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default behind {@code ./driftline run}: a real Kafka broker and a real PostgreSQL on loopback
 * with their data under one folder, kept across restarts. It is test-scope code, never inside the production
 * artifact. When ready it writes {@code <data>/devstack.env} with the connection settings for the service.
 *
 * <p>Usage: {@code DevStack <data-dir> [--no-kafka] [--no-postgres] [--kafka-port N] [--pg-port N]}
 */
public final class DevStack {

    public static void main(String[] args) throws Exception {
        StandaloneLogging.install();
        Path data = Path.of(args.length > 0 ? args[0] : "data").toAbsolutePath();
        boolean kafka = true;
        boolean postgres = true;
        int kafkaPort = 9092;
        int pgPort = 5432;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--no-kafka" -> kafka = false;
                case "--no-postgres" -> postgres = false;
                case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                case "--pg-port" -> pgPort = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(data);
        Path envFile = data.resolve("devstack.env");
        Files.deleteIfExists(envFile);
        List<AutoCloseable> started = new ArrayList<>();
        StringBuilder env = new StringBuilder();
        if (postgres) {
            System.out.println("[devstack] starting PostgreSQL in " + data.resolve("postgres"));
            EmbeddedPostgres pg = EmbeddedPostgres.start(data.resolve("postgres"), pgPort);
            started.add(pg);
            env.append("QUARKUS_DATASOURCE_REACTIVE_URL=").append(pg.reactiveUrl()).append('\n')
                    .append("QUARKUS_DATASOURCE_USERNAME=").append(EmbeddedPostgres.USER).append('\n')
                    .append("QUARKUS_DATASOURCE_PASSWORD=").append(EmbeddedPostgres.PASSWORD).append('\n');
        }
        if (kafka) {
            System.out.println("[devstack] starting Kafka (KRaft) in " + data.resolve("kafka"));
            EmbeddedKafka broker = EmbeddedKafka.start(data.resolve("kafka"), kafkaPort);
            started.add(broker);
            env.append("KAFKA_BOOTSTRAP_SERVERS=").append(broker.bootstrapServers()).append('\n');
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    System.err.println("[devstack] stop failed: " + e.getMessage());
                }
            }
            stopped.countDown();
        }));
        Path tmp = data.resolve("devstack.env.tmp");
        Files.writeString(tmp, env.toString());
        Files.move(tmp, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("[devstack] ready");
        stopped.await();
    }
}
