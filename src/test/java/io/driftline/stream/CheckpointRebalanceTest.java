package io.driftline.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.driftline.monitor.MonitorRegistry;
import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The channel's rebalance listener, driven by hand beside the live consumer: revoking a partition writes its
 * checkpoint and drops its state and gauges here; assigning it back restores the state and seeks to its offsets.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class CheckpointRebalanceTest {
    @Inject
    Checkpoints checkpoints;

    @Inject
    MonitorPipeline pipeline;

    @Inject
    MonitorRegistry registry;

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void produce(String model, int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(new ProducerRecord<>("driftline.features", model, EventsProcessorTest.featureEvent(model, "r" + i, i % 7)));
        }
        try (KafkaCompanion companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
        }
    }

    /** A monitor of its own model with one numeric feature x and {@code detector} on it; returns its name. */
    static String createMonitor(String prefix, String detector) {
        String monitor = prefix + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json")
                .body("{\"name\":\"" + monitor + "\",\"features\":[{\"name\":\"x\",\"type\":\"NUMERIC\"}],\"dataDrift\":{\"type\":\""
                        + detector + "\"}}")
                .post("/api/v1/monitors").then().statusCode(201);
        return monitor;
    }

    static void awaitObservations(String monitor, int n) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(PostgresResource.VIEWER_TOKEN)
                .get("/api/v1/monitors/" + monitor + "/state").then().statusCode(200)
                .body("detectors[0].observations", equalTo(n)));
    }

    @Test
    void aRevokedPartitionIsCheckpointedAndForgottenAndComesBackWhereItWas() {
        String monitor = createMonitor("rebal-", "PAGE_HINKLEY");
        produce(monitor, 0, 300);
        awaitObservations(monitor, 300);
        String gauge = "driftline_detector_state{detector=\"PAGE_HINKLEY\",feature=\"x\",monitor=\"" + monitor + "\"}";
        assertThat(given().get("/q/metrics").asString()).contains(gauge);

        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of("driftline.features", "driftline.predictions", "driftline.feedback")) {
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        consumer.assign(partitions);
        Map<TopicPartition, Long> beginning = new java.util.HashMap<>();
        partitions.forEach(tp -> beginning.put(tp, 0L));
        consumer.updateBeginningOffsets(beginning); // where a partition without a checkpoint stays
        checkpoints.onPartitionsRevoked(consumer, partitions);
        assertThat(given().get("/q/metrics").asString()).as("gauges of a revoked partition").doesNotContain(gauge);
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).get("/api/v1/monitors/" + monitor + "/state").then()
                .statusCode(200).body("detectors[0].observations", equalTo(0));
        assertThat(given().get("/q/metrics").asString()).as("a state request where the partition is not owned")
                .doesNotContain(gauge);

        checkpoints.onPartitionsAssigned(consumer, partitions);
        awaitObservations(monitor, 300);
        long position = partitions.stream().filter(tp -> tp.topic().equals("driftline.features"))
                .mapToLong(consumer::position).sum();
        assertThat(position).as("features offsets sought to, over the three partitions").isGreaterThanOrEqualTo(300);

        produce(monitor, 300, 400);
        awaitObservations(monitor, 400);
    }

    @Test
    void aCheckpointThatBreaksOffHalfWayChangesNothing() {
        String monitor = createMonitor("trunc-", "ADWIN");
        produce(monitor, 0, 200);
        awaitObservations(monitor, 200);
        String fingerprint = registry.get(monitor).toString();
        PartitionCheckpoint mine = pipeline.checkpoints(true).stream()
                .filter(c -> indexOf(c.state(), fingerprint.getBytes(StandardCharsets.UTF_8)) >= 0)
                .findFirst().orElseThrow();
        // The monitor's state follows its spec text and the state's length: the missing count of feature x (8
        // bytes), the length of ADWIN's snapshot (4), then the snapshot, whose first byte is its format version.
        byte[] corrupt = mine.state().clone();
        corrupt[indexOf(corrupt, fingerprint.getBytes(StandardCharsets.UTF_8)) + fingerprint.length() + 4 + 8 + 4] = 99;

        assertThatThrownBy(() -> pipeline.restore(new PartitionCheckpoint(mine.partition(), Map.of("driftline.features", 0L), corrupt)))
                .hasMessageContaining("ADWIN snapshot version 99");
        awaitObservations(monitor, 200); // the live detector was not replaced by a half-restored one
        assertThat(given().get("/q/metrics").asString()).contains("monitor=\"" + monitor + "\"");
        produce(monitor, 200, 250);
        awaitObservations(monitor, 250);
    }
}
