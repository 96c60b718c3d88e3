package io.driftline.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class EventsProcessorTest {
    static KafkaCompanion companion;

    @BeforeAll
    static void companion() {
        companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
    }

    @AfterAll
    static void close() {
        companion.close();
    }

    static String createMonitor() {
        String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"features\":[{\"name\":\"x\",\"type\":\"NUMERIC\"}]}")
                .post("/api/v1/monitors").then().statusCode(201);
        return name;
    }

    static double metric(String series) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    static String featureEvent(String model, String id, double x) {
        return "{\"id\":\"" + id + "\",\"model\":\"" + model + "\",\"features\":{\"x\":" + x + "}}";
    }

    @Test
    void featureEventProducedToKafkaIsConsumed() {
        String model = createMonitor();
        companion.produceStrings().fromRecords(new ProducerRecord<>("driftline.features", model, featureEvent(model, "e-1", 1.5)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(metric("driftline_records_total{monitor=\"" + model + "\",stream=\"features\"}")).isEqualTo(1.0));
    }

    @Test
    void malformedRecordsGoToDeadLetterWithReasonAndStreamContinues() {
        String model = createMonitor();
        double before = metric("driftline_dead_letters_total{reason=\"malformed_json\",stream=\"features\"}");
        companion.produceStrings().fromRecords(
                new ProducerRecord<>("driftline.features", model, "{not json"),
                new ProducerRecord<>("driftline.features", model, "{\"id\":\"a\",\"features\":{\"x\":1}}"),
                new ProducerRecord<>("driftline.features", model, "{\"id\":\"b\",\"model\":\"" + model + "\",\"features\":{\"x\":[1,2]}}"),
                new ProducerRecord<>("driftline.features", model, featureEvent(model, "good", 2.0)));

        ConsumerTask<String, String> dead = companion.consumeStrings()
                .fromTopics("driftline.dead-letter", 3, Duration.ofSeconds(30)).awaitCompletion();
        List<ConsumerRecord<String, String>> mine = dead.getRecords().stream().filter(r -> model.equals(r.key())).toList();
        assertThat(mine).hasSize(3);
        assertThat(mine).extracting(r -> header(r, DeadLetters.REASON))
                .containsExactlyInAnyOrder("malformed_json", "missing_field", "invalid_type");
        assertThat(mine).allSatisfy(r -> {
            assertThat(header(r, DeadLetters.SOURCE_TOPIC)).isEqualTo("driftline.features");
            assertThat(header(r, DeadLetters.SOURCE_OFFSET)).matches("\\d+");
            assertThat(header(r, DeadLetters.DETAIL)).isNotBlank();
        });
        assertThat(mine.get(0).value()).isEqualTo("{not json");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(metric("driftline_records_total{monitor=\"" + model + "\",stream=\"features\"}")).isEqualTo(1.0);
            assertThat(metric("driftline_dead_letters_total{reason=\"malformed_json\",stream=\"features\"}")).isEqualTo(before + 1);
        });
    }

    @Test
    void aTombstoneIsDeadLetteredAsAnEmptyRecordAndTheStreamContinues() {
        String model = createMonitor();
        ConsumerTask<String, String> dead = companion.consumeStrings().fromTopics("driftline.dead-letter");
        try {
            companion.produceStrings().fromRecords(
                    new ProducerRecord<>("driftline.features", model, null),
                    new ProducerRecord<>("driftline.features", model, featureEvent(model, "after", 2.0)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(metric("driftline_records_total{monitor=\"" + model + "\",stream=\"features\"}")).isEqualTo(1.0));
            await().atMost(Duration.ofSeconds(30)).until(() -> dead.getRecords().stream().anyMatch(r -> model.equals(r.key())));
            ConsumerRecord<String, String> tombstone = dead.getRecords().stream().filter(r -> model.equals(r.key())).findFirst().orElseThrow();
            assertThat(header(tombstone, DeadLetters.REASON)).isEqualTo("malformed_json");
            assertThat(header(tombstone, DeadLetters.DETAIL)).isEqualTo("empty record");
            assertThat(header(tombstone, DeadLetters.SOURCE_TOPIC)).isEqualTo("driftline.features");
            assertThat(tombstone.value()).isEmpty();
        } finally {
            dead.stop();
        }
    }

    @Test
    void restIngestionWritesEveryEventToTheTopicKeyedByModel() {
        String model = "rest-" + UUID.randomUUID().toString().substring(0, 8);
        ConsumerTask<String, String> consumed = companion.consumeStrings().fromTopics("driftline.feedback");
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json")
                .body("[{\"id\":\"1\",\"model\":\"" + model + "\",\"label\":\"0\"},{\"id\":\"2\",\"model\":\"" + model + "\",\"label\":1.5}]")
                .post("/api/v1/events/feedback")
                .then().statusCode(202).body("accepted", equalTo(2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumed.getRecords().stream()
                .filter(r -> model.equals(r.key())).map(ConsumerRecord::value).toList())
                .containsExactly("{\"id\":\"1\",\"model\":\"" + model + "\",\"label\":\"0\"}",
                        "{\"id\":\"2\",\"model\":\"" + model + "\",\"label\":1.5}"));
        consumed.stop();
    }

    @Test
    void restIngestionRejectsABadElementNamingItAndWritesNothing() {
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json")
                .body("[{\"id\":\"1\",\"model\":\"m\",\"label\":\"0\"},{\"id\":\"2\",\"label\":\"1\"}]")
                .post("/api/v1/events/feedback")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("[1]"))
                .body("violations[0].message", containsString("model"));
    }

    @Test
    void restIngestionOfUnknownStreamIsNotFound() {
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body("{}")
                .post("/api/v1/events/clicks")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
