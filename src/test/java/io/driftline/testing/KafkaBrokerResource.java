package io.driftline.testing;

import io.driftline.devstack.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real KRaft broker for the tests, started once per JVM and shared by every test class (stopped at JVM
 * exit), so application restarts between classes keep the same broker.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedKafka broker;

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                broker = EmbeddedKafka.start(null, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedKafka started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return broker.bootstrapServers();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by all test classes: stopped by the JVM shutdown hook
    }
}
