package dev.robucap.captionertrainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.robucap.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The skeleton starts and serves its API, and says plainly that it cannot train yet. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class CaptionerTrainerSkeletonTest {

    @Test
    void startsAndRefusesTasksUntilTheStageArrives() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().contentType("application/json").body("{\"params\": {}}").when().post("/v1/tasks")
                .then().statusCode(400).body("detail", containsString("issue #4"));
    }
}
