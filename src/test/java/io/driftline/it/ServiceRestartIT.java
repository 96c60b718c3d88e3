package io.driftline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftline.devstack.EmbeddedPostgres;
import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged service ({@code target/quarkus-app}) as a real process against the real broker and
 * database, stops it and starts it again: what was created over REST must still be there.
 */
class ServiceRestartIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private Process app;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) {
            app.destroy();
            app.waitFor();
        }
    }

    @Test
    void monitorCreatedOverRestSurvivesARestartOfTheService() throws Exception {
        int port = freePort();
        String name = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String spec = "{\"name\":\"" + name + "\",\"features\":[{\"name\":\"income\",\"type\":\"NUMERIC\"}]}";

        app = launch(port);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/monitors"))
                .header("Authorization", "Bearer " + PostgresResource.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);

        app.destroy();
        assertThat(app.waitFor()).isNotNull();
        // Records produced while the service is down are all routed to the monitor once it is back: the monitors
        // are loaded before the consumer starts.
        int backlog = 500;
        try (KafkaCompanion companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int i = 0; i < backlog; i++) {
                records.add(new ProducerRecord<>("driftline.features", name,
                        "{\"id\":\"" + i + "\",\"model\":\"" + name + "\",\"features\":{\"income\":" + i + "}}"));
            }
            companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
        }
        app = launch(port);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("driftline_records_total{monitor=\"" + name + "\",stream=\"features\"} " + backlog + ".0");
            assertThat(metrics).doesNotContain("driftline_records_total{monitor=\"_unmonitored\",stream=\"features\"}");
        });

        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/monitors/" + name))
                .header("Authorization", "Bearer " + PostgresResource.ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"name\":\"" + name + "\"").contains("\"income\"");
    }

    private Process launch(int port) throws IOException {
        EmbeddedPostgres pg = PostgresResource.postgres();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "restart-it-" + port + ".log").toFile());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", KafkaBrokerResource.bootstrapServers());
        pb.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", pg.reactiveUrl());
        pb.environment().put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgres.USER);
        pb.environment().put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgres.PASSWORD);
        pb.environment().put("DRIFTLINE_ADMIN_TOKEN", PostgresResource.ADMIN_TOKEN);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process process = pb.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("the service process exited; see target/restart-it-%d.log", port).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
