package io.driftline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.detect.ExpectedStreams;
import io.driftline.devstack.EmbeddedPostgres;
import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process app;
    private static int launches;
    /** The HTTP port of the running service (it binds a free one and logs it). */
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) {
            app.destroy();
            app.waitFor();
        }
    }

    @Test
    void monitorCreatedOverRestSurvivesARestartOfTheService() throws Exception {
        String name = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String spec = "{\"name\":\"" + name + "\",\"features\":[{\"name\":\"income\",\"type\":\"NUMERIC\"}]}";

        app = launch();
        createMonitor(spec);

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
        app = launch();
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

    /**
     * Detector and join state survive a restart: half of a reference stream (feature values for ADWIN, prediction and
     * feedback pairs for DDM, with predictions left waiting in the join) goes in before the service stops, the rest
     * after it is back; the drift events of the whole run carry MOA's positions of the uninterrupted stream, each
     * once.
     */
    @Test
    void detectorPositionsAndJoinStateContinueAcrossARestart() throws Exception {
        String name = "ckpt-" + UUID.randomUUID().toString().substring(0, 8);
        double[] values = ExpectedStreams.values("gauss_shift10");
        double[] errors = ExpectedStreams.values("bern_abrupt");
        List<String> expectedData = positions(ExpectedStreams.expected("ADWIN_core", "gauss_shift10"));
        List<String> expectedConcept = positions(ExpectedStreams.expected("DDM", "bern_abrupt"));
        assertThat(expectedData).isNotEmpty();
        assertThat(expectedConcept).isNotEmpty();
        int halfValues = values.length / 2;
        int halfErrors = errors.length / 2;
        int waiting = 50; // predictions whose feedback comes only after the restart

        app = launch();
        createMonitor("{\"name\":\"" + name + "\",\"features\":[{\"name\":\"x\",\"type\":\"NUMERIC\"}],"
                + "\"dataDrift\":{\"type\":\"ADWIN\"},\"conceptDrift\":{\"type\":\"DDM\",\"task\":\"CLASSIFICATION\"}}");

        try (KafkaCompanion companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            ConsumerTask<String, String> events = companion.consumeStrings().fromTopics("driftline.drift-events");
            companion.produceStrings().fromRecords(features(name, values, 0, halfValues)).awaitCompletion(Duration.ofSeconds(60));
            companion.produceStrings().fromRecords(predictions(name, 0, halfErrors + waiting)).awaitCompletion(Duration.ofSeconds(60));
            companion.produceStrings().fromRecords(feedback(name, errors, 0, halfErrors)).awaitCompletion(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(state(name))
                    .contains("\"observations\":" + halfValues + ",").contains("\"observations\":" + halfErrors + ",")
                    .contains("\"pendingPredictions\":" + waiting));

            app.destroy(); // SIGTERM: a graceful stop, which writes the final checkpoint
            assertThat(app.waitFor()).isNotNull();
            app = launch();
            // The state is restored when the consumer gets its partitions, which can be after the service is ready.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(state(name))
                    .contains("\"observations\":" + halfValues + ",").contains("\"pendingPredictions\":" + waiting));

            companion.produceStrings().fromRecords(features(name, values, halfValues, values.length)).awaitCompletion(Duration.ofSeconds(60));
            companion.produceStrings().fromRecords(feedback(name, errors, halfErrors, errors.length)).awaitCompletion(Duration.ofSeconds(60));
            companion.produceStrings().fromRecords(predictions(name, halfErrors + waiting, errors.length)).awaitCompletion(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(detections(events, name, "DATA")).containsExactlyElementsOf(expectedData);
                assertThat(detections(events, name, "CONCEPT")).containsExactlyElementsOf(expectedConcept);
                assertThat(state(name)).contains("\"observations\":" + values.length + ",")
                        .contains("\"observations\":" + errors.length + ",").contains("\"pendingPredictions\":0");
            });
            events.stop();
        }
    }

    /**
     * After a crash (SIGKILL, no shutdown checkpoint) the service restores the last interval checkpoint and
     * processes again what came after it: every detector ends with the whole stream counted once, the positions are
     * MOA's, and only drift events after the checkpoint can come twice.
     */
    @Test
    void afterACrashTheRecordsSinceTheLastCheckpointAreProcessedAgainOnce() throws Exception {
        String name = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        double[] values = ExpectedStreams.values("gauss_shift10");
        List<String> expected = positions(ExpectedStreams.expected("ADWIN_core", "gauss_shift10"));
        int half = values.length / 2;

        app = launch();
        createMonitor("{\"name\":\"" + name + "\",\"features\":[{\"name\":\"x\",\"type\":\"NUMERIC\"}],\"dataDrift\":{\"type\":\"ADWIN\"}}");

        try (KafkaCompanion companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            ConsumerTask<String, String> events = companion.consumeStrings().fromTopics("driftline.drift-events");
            companion.produceStrings().fromRecords(features(name, values, 0, half)).awaitCompletion(Duration.ofSeconds(60));
            // The interval's first tick is at start-up, so the first batch after it writes a checkpoint.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(state(name)).contains("\"observations\":" + half + ",");
                assertThat(metrics()).containsPattern("driftline_checkpoints_total\\{outcome=\"written\"\\} [1-9]");
            });

            app.destroyForcibly();
            assertThat(app.waitFor()).isNotNull();
            app = launch();
            companion.produceStrings().fromRecords(features(name, values, half, values.length)).awaitCompletion(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(state(name)).contains("\"observations\":" + values.length + ",");
                assertThat(detections(events, name, "DATA").stream().distinct().toList()).containsExactlyElementsOf(expected);
            });
            events.stop();
        }
    }

    private void createMonitor(String spec) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/monitors"))
                .header("Authorization", "Bearer " + PostgresResource.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String state(String monitor) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/monitors/" + monitor + "/state"))
                .header("Authorization", "Bearer " + PostgresResource.ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<String> positions(List<ExpectedStreams.Event> expected) {
        return expected.stream().filter(e -> !e.event().equals("warning_off"))
                .map(e -> (e.event().equals("drift") ? "DRIFT@" : "WARNING@") + e.index()).toList();
    }

    private static List<String> detections(ConsumerTask<String, String> events, String monitor, String kind) throws IOException {
        List<String> out = new ArrayList<>();
        for (var r : events.getRecords()) {
            JsonNode n = JSON.readTree(r.value());
            if (n.get("monitor").asText().equals(monitor) && n.get("kind").asText().equals(kind)) {
                out.add(n.get("level").asText() + "@" + n.get("position").asLong());
            }
        }
        return out;
    }

    private static List<ProducerRecord<String, String>> features(String model, double[] values, int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(new ProducerRecord<>("driftline.features", model,
                    "{\"id\":\"f" + i + "\",\"model\":\"" + model + "\",\"features\":{\"x\":" + values[i] + "}}"));
        }
        return records;
    }

    private static List<ProducerRecord<String, String>> predictions(String model, int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(new ProducerRecord<>("driftline.predictions", model,
                    "{\"id\":\"" + i + "\",\"model\":\"" + model + "\",\"prediction\":\"yes\",\"source\":\"test\"}"));
        }
        return records;
    }

    /** Feedback {@code i} is "no" (an error against the prediction "yes") where the error stream has a 1. */
    private static List<ProducerRecord<String, String>> feedback(String model, double[] errors, int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(new ProducerRecord<>("driftline.feedback", model,
                    "{\"id\":\"" + i + "\",\"model\":\"" + model + "\",\"label\":\"" + (errors[i] == 1.0 ? "no" : "yes") + "\"}"));
        }
        return records;
    }

    private Process launch() throws IOException {
        EmbeddedPostgres pg = PostgresResource.postgres();
        Path log = Path.of("target", "restart-it-" + ProcessHandle.current().pid() + "-" + (++launches) + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", KafkaBrokerResource.bootstrapServers());
        pb.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", pg.reactiveUrl());
        pb.environment().put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgres.USER);
        pb.environment().put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgres.PASSWORD);
        pb.environment().put("DRIFTLINE_ADMIN_TOKEN", PostgresResource.ADMIN_TOKEN);
        // Port 0: the service binds a free port itself (a port probed here could be taken before it starts).
        pb.environment().put("QUARKUS_HTTP_PORT", "0");
        Process process = pb.start();
        java.util.regex.Pattern listening = java.util.regex.Pattern.compile("Listening on: http://[^:]+:(\\d+)");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("the service process exited; see %s", log).isTrue();
            java.util.regex.Matcher m = listening.matcher(java.nio.file.Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (!m.find()) {
                return false;
            }
            port = Integer.parseInt(m.group(1));
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }
}
