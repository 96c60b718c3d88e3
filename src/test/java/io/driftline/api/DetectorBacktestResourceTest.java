package io.driftline.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class DetectorBacktestResourceTest {
    private static final String PATH = "/api/v1/backtests/detectors";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Expected(String event, long index, double estimate) {
    }

    static String resource(String path) throws IOException {
        try (InputStream in = DetectorBacktestResourceTest.class.getResourceAsStream("/streams/" + path)) {
            assertThat(in).as("test resource " + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Expected> expected(String file) throws IOException {
        List<Expected> out = new ArrayList<>();
        String[] lines = resource("expected/" + file).split("\n");
        assertThat(lines[0].trim()).isEqualTo("event,index,estimation");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].trim().split(",");
            out.add(new Expected(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2])));
        }
        return out;
    }

    static String jsonBody(String detector, List<String> values) {
        return "{\"detector\":" + detector + ",\"values\":[" + String.join(",", values) + "]}";
    }

    static List<String> streamValues(String stream) throws IOException {
        return resource("detector/" + stream).lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /** The answer must list MOA's events with their estimates, and the drifts and warning zones derived from them. */
    static void assertMatches(JsonNode answer, List<Expected> expected, int count) {
        assertThat(answer.get("count").asLong()).isEqualTo(count);
        JsonNode events = answer.get("events");
        assertThat(events.size()).isEqualTo(expected.size());
        List<Long> drifts = new ArrayList<>();
        List<long[]> zones = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            JsonNode actual = events.get(i);
            assertThat(actual.get("event").asText()).as("event %d", i).isEqualTo(e.event());
            assertThat(actual.get("index").asLong()).as("index of event %d", i).isEqualTo(e.index());
            assertThat(Math.abs(actual.get("estimate").asDouble() - e.estimate())).as("estimate of event %d", i).isLessThanOrEqualTo(1e-6);
            switch (e.event()) {
                case "drift" -> drifts.add(e.index());
                case "warning_on" -> zones.add(new long[] {e.index(), -1});
                default -> zones.get(zones.size() - 1)[1] = e.index();
            }
        }
        List<Long> actualDrifts = new ArrayList<>();
        answer.get("drifts").forEach(d -> actualDrifts.add(d.asLong()));
        assertThat(actualDrifts).isEqualTo(drifts);
        JsonNode warnings = answer.get("warnings");
        assertThat(warnings.size()).isEqualTo(zones.size());
        for (int i = 0; i < zones.size(); i++) {
            assertThat(warnings.get(i).get("from").asLong()).isEqualTo(zones.get(i)[0]);
            if (zones.get(i)[1] < 0) {
                assertThat(warnings.get(i).has("to")).as("an open zone has no 'to'").isFalse();
            } else {
                assertThat(warnings.get(i).get("to").asLong()).isEqualTo(zones.get(i)[1]);
            }
        }
    }

    @Test
    void ddmOnBernoulliStreamMatchesMoaEventsDriftsAndWarnings() throws IOException {
        List<String> values = streamValues("bern_abrupt.csv");
        String answer = given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body(jsonBody("{\"type\":\"DDM\",\"params\":{}}", values))
                .when().post(PATH)
                .then().statusCode(200).contentType(startsWith("application/json"))
                .extract().asString();
        List<Expected> expected = expected("DDM__bern_abrupt.csv");
        assertThat(expected).extracting(Expected::event).contains("drift", "warning_on", "warning_off");
        assertMatches(JSON.readTree(answer), expected, values.size());
    }

    @Test
    void textBodyWithQueryParametersGivesTheSameAnswerAsJson() throws IOException {
        String text = resource("detector/bern_abrupt.csv");
        String answer = given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("text/plain")
                .queryParam("type", "DDM").queryParam("minInstances", "30")
                .body(text)
                .when().post(PATH)
                .then().statusCode(200)
                .extract().asString();
        assertMatches(JSON.readTree(answer), expected("DDM__bern_abrupt.csv"), streamValues("bern_abrupt.csv").size());
    }

    @Test
    void detectorMayFollowTheValuesAndParamsTakeEffect() throws IOException {
        List<String> values = streamValues("gauss_shift05.csv");
        String body = "{\"values\":[" + String.join(",", values) + "],\"detector\":{\"type\":\"ADWIN\",\"params\":{\"delta\":0.002,\"direction\":\"increase\"}}}";
        String answer = given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json").body(body)
                .when().post(PATH)
                .then().statusCode(200).extract().asString();
        assertMatches(JSON.readTree(answer), expected("ADWIN__gauss_shift05.csv"), values.size());
    }

    @Test
    void millionValuesStreamThroughAndTheShiftIsDetected() throws IOException {
        int n = 1_000_000;
        Random random = new Random(7);
        StringBuilder body = new StringBuilder(n * 10).append("{\"detector\":{\"type\":\"ADWIN\",\"params\":{}},\"values\":[");
        for (int i = 0; i < n; i++) {
            double mean = i < n / 2 ? 0.0 : 1.0;
            if (i > 0) {
                body.append(',');
            }
            body.append(String.format(Locale.ROOT, "%.4f", mean + random.nextGaussian()));
        }
        body.append("]}");
        String answer = given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json").body(body.toString())
                .when().post(PATH)
                .then().statusCode(200).extract().asString();
        JsonNode json = JSON.readTree(answer);
        assertThat(json.get("count").asLong()).isEqualTo(n);
        List<Long> drifts = new ArrayList<>();
        json.get("drifts").forEach(d -> drifts.add(d.asLong()));
        assertThat(drifts).anySatisfy(d -> assertThat(d).isBetween((long) n / 2, (long) n / 2 + 5_000));
    }

    @Test
    void unknownDetectorTypeNamesDetectorType() {
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body("{\"detector\":{\"type\":\"NOPE\"},\"values\":[1,2,3]}")
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("detector.type"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("text/plain").queryParam("type", "NOPE").body("1\n2\n")
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("detector.type"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("text/plain").body("1\n2\n")
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("detector.type"));
    }

    @Test
    void invalidParameterNamesDetectorParams() {
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body("{\"detector\":{\"type\":\"ADWIN\",\"params\":{\"delta\":1.5}},\"values\":[1,2,3]}")
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("detector.params.delta"))
                .body("detail", containsString("delta"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("text/plain")
                .queryParam("type", "ADWIN").queryParam("delta", "abc").body("1\n2\n")
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("detector.params.delta"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("text/plain")
                .queryParam("type", "DDM").queryParam("bogus", "1").body("1\n2\n")
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("detector.params.bogus"));
    }

    @Test
    void nonNumericValueNamesItsPosition() {
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body("{\"detector\":{\"type\":\"DDM\"},\"values\":[0,1,0,\"x\",1]}")
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("values[3]"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body("{\"detector\":{\"type\":\"DDM\"},\"values\":[0,null]}")
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("values[1]"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("text/plain").queryParam("type", "DDM")
                .body("0\n1\n\n0\nabc\n1\n")
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("line 5"));
    }

    @Test
    void emptyMissingOrMalformedBodiesAreBadRequests() {
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body("{\"detector\":{\"type\":\"DDM\"},\"values\":[]}")
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("values"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body("{\"detector\":{\"type\":\"DDM\"}}")
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("values"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body("{\"values\":[1]}")
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("detector"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("text/plain").queryParam("type", "DDM").body("\n \n")
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body("{\"detector\":{\"type\":\"DDM\"},\"values\":[1,2")
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json")).body("status", equalTo(400));
    }

    @Test
    void openApiDocumentsBothBacktests() throws IOException {
        JsonNode doc = JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        JsonNode detectors = doc.at("/paths/~1api~1v1~1backtests~1detectors/post");
        assertThat(detectors.get("summary").asText()).contains("drift detector");
        assertThat(detectors.get("description").asText()).contains("text/plain").contains("no 'to'");
        assertThat(detectors.at("/requestBody/content").has("application/json")).isTrue();
        assertThat(detectors.at("/requestBody/content").has("text/plain")).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1backtests~1learners/post/summary").asText()).contains("learner");
    }

    @Test
    void missingTokenIsUnauthorized() {
        given().contentType("application/json").body("{\"detector\":{\"type\":\"DDM\"},\"values\":[1]}")
                .when().post(PATH)
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }
}
