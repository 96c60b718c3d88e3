package io.driftline.testing;

import io.driftline.devstack.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL server for the tests (no H2), started once per JVM in a fresh data directory and shared
 * by every test class; also the bearer tokens the tests use.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String VIEWER_TOKEN = "test-viewer-token";
    public static final String OPERATOR_TOKEN = "test-operator-token";

    private static EmbeddedPostgres postgres;

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            Path dir;
            try {
                // Under /tmp so that the postgres OS user can reach it wherever the project is checked out.
                dir = Files.createTempDirectory("driftline-test-pg");
                dir.toFile().setExecutable(true, false);
                dir.toFile().setReadable(true, false);
                postgres = EmbeddedPostgres.start(dir.resolve("data"), 0);
            } catch (Exception e) {
                throw new IllegalStateException("could not start PostgreSQL for the tests: " + e.getMessage(), e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                    // ~46 MB per test JVM, otherwise left behind by every run
                    org.apache.kafka.common.utils.Utils.delete(dir.toFile());
                } catch (Exception ignored) {
                    // the JVM is exiting; what could not be stopped or deleted is left for the OS to clean
                }
            }));
        }
        return postgres;
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgres pg = postgres();
        return Map.of(
                "quarkus.datasource.reactive.url", pg.reactiveUrl(),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedPostgres.USER,
                "quarkus.datasource.password", EmbeddedPostgres.PASSWORD,
                "driftline.admin-token", ADMIN_TOKEN,
                "driftline.security.viewer-tokens", VIEWER_TOKEN,
                "driftline.security.operator-tokens", OPERATOR_TOKEN);
    }

    @Override
    public void stop() {
        // shared by all test classes: stopped by the JVM shutdown hook
    }
}
