package io.driftline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class MonitorResourceTest {

    static String uniqueName() {
        return "m-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String spec(String name) {
        return """
                {"name":"%s","features":[{"name":"income","type":"NUMERIC"},{"name":"country","type":"CATEGORICAL"}],
                 "dataDrift":{"type":"ADWIN","params":{"delta":0.002}},
                 "conceptDrift":{"type":"DDM","params":{},"task":"CLASSIFICATION"}}
                """.formatted(name);
    }

    @Test
    void createdMonitorCanBeReadListedReplacedAndDeleted() {
        String name = uniqueName();
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body(spec(name))
                .when().post("/api/v1/monitors")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/monitors/" + name))
                .body("name", equalTo(name))
                .body("model", equalTo(name))
                .body("features[0].name", equalTo("income"));

        given().auth().oauth2(PostgresResource.VIEWER_TOKEN)
                .when().get("/api/v1/monitors/" + name)
                .then().statusCode(200).body("dataDrift.type", equalTo("ADWIN"));

        given().auth().oauth2(PostgresResource.VIEWER_TOKEN)
                .when().get("/api/v1/monitors")
                .then().statusCode(200).body("name", hasItem(name));

        String replaced = spec(name).replace("\"ADWIN\"", "\"PAGE_HINKLEY\"").replace("{\"delta\":0.002}", "{}");
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body(replaced)
                .when().put("/api/v1/monitors/" + name)
                .then().statusCode(200).body("dataDrift.type", equalTo("PAGE_HINKLEY"));

        given().auth().oauth2(PostgresResource.ADMIN_TOKEN)
                .when().delete("/api/v1/monitors/" + name)
                .then().statusCode(204);

        given().auth().oauth2(PostgresResource.VIEWER_TOKEN)
                .when().get("/api/v1/monitors/" + name)
                .then().statusCode(404).contentType(startsWith("application/problem+json")).body("status", equalTo(404));
    }

    @Test
    void creatingAnExistingMonitorIsAConflict() {
        String name = uniqueName();
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body(spec(name))
                .post("/api/v1/monitors").then().statusCode(201);
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body(spec(name))
                .post("/api/v1/monitors").then().statusCode(409).contentType(startsWith("application/problem+json"));
    }

    @Test
    void missingTokenIsUnauthorizedAndWrongRoleIsForbidden() {
        given().when().get("/api/v1/monitors").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().auth().oauth2("not-a-token").when().get("/api/v1/monitors").then().statusCode(401);
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json").body(spec(uniqueName()))
                .when().post("/api/v1/monitors")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
    }

    @Test
    void unknownFieldIsRejectedAsProblem() {
        String body = spec(uniqueName()).replace("\"features\"", "\"colour\":\"red\",\"features\"");
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body(body)
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("colour"));
    }

    @Test
    void invalidNameIsRejectedNamingTheField() {
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body(spec("Bad_Name!"))
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("name"));
    }

    @Test
    void wrongTypeIsRejectedNamingTheField() {
        String body = spec(uniqueName()).replace("\"features\":[", "\"features\":7,\"x\":[");
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body(body)
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void malformedJsonIsAProblem() {
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body("{\"name\":")
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void unknownDetectorTypeIsRejectedNamingTheField() {
        String body = spec(uniqueName()).replace("\"ADWIN\"", "\"MAGIC\"");
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body(body)
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("dataDrift.type"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("text/plain").body("hello")
                .when().post("/api/v1/monitors")
                .then().statusCode(415).contentType(startsWith("application/problem+json"));
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() {
        String huge = "{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json").body(huge)
                .when().post("/api/v1/monitors")
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
    }
}
