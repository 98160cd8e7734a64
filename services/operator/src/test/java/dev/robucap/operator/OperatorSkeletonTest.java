package dev.robucap.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The skeleton starts, serves health, and says that its reconciler is not there yet. */
@QuarkusTest
class OperatorSkeletonTest {

    @Test
    void startsAndSaysWhatIsMissing() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/v1/info").then().statusCode(200).body(containsString("issue #6"));
    }
}
