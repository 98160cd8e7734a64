package dev.robucap.augmenter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.robucap.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a token configured, the REST triggers want it; health, metrics and OpenAPI stay open. */
@QuarkusTest
@TestProfile(BearerTokenTest.WithToken.class)
@WithTestResource(DevstackTestResource.class)
class BearerTokenTest {

    public static final class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("robucap.auth.token", "s3cr3t-token");
        }
    }

    private static final String BODY = "{\"params\": {\"quality\": 0}, \"inputs\": {\"images\": \"datasets/x\"}}";

    @Test
    void withoutATokenTheTriggersAnswer401AndSayHowToAuthenticate() {
        given().contentType("application/json").body(BODY).when().post("/v1/tasks")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("Authorization: Bearer"));
        given().when().get("/v1/tasks/some-id").then().statusCode(401);
    }

    @Test
    void anotherTokenIsForbidden() {
        given().header("Authorization", "Bearer s3cr3t-tokeN").contentType("application/json").body(BODY)
                .when().post("/v1/tasks").then().statusCode(403).body("title", equalTo("forbidden"));
    }

    @Test
    void theRightTokenGetsThrough() {
        // past the filter: the request itself is then judged (quality 0 is refused, naming the field)
        given().header("Authorization", "Bearer s3cr3t-token").contentType("application/json").body(BODY)
                .when().post("/v1/tasks").then().statusCode(400).body("detail", containsString("quality"));
    }

    @Test
    void healthMetricsAndOpenApiStayOpen() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
