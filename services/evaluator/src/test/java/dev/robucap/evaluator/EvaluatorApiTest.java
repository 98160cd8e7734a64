package dev.robucap.evaluator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.robucap.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class EvaluatorApiTest {

    @Test
    void anImageQualityTaskWithoutItsCompressedSetsIsRefusedNamingTheInput() {
        given().contentType("application/json")
                .body("{\"params\": {\"kind\": \"image-quality\", \"ladder\": [80, 2]}, \"inputs\": {\"originals\": \"d\","
                        + " \"q80\": \"a\"}}")
                .when().post("/v1/tasks")
                .then().statusCode(400).body("detail", containsString("inputs.q2"));
    }

    @Test
    void aBleuTaskWithoutItsCaptionerIsRefusedNamingTheInput() {
        given().contentType("application/json")
                .body("{\"params\": {\"kind\": \"bleu\", \"ladder\": [2]}, \"inputs\": {\"coco\": \"c\", \"q2\": \"a\"}}")
                .when().post("/v1/tasks")
                .then().statusCode(400).body("detail", containsString("inputs.captioner"));
    }

    @Test
    void aTaskForAnotherStageIsRefused() {
        given().contentType("application/json").body("{\"stage\": \"augmenter\", \"params\": {}}")
                .when().post("/v1/tasks")
                .then().statusCode(400).body("detail", containsString("evaluator"));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/v1/tasks"));
    }
}
