package dev.robucap.captionertrainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.robucap.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class CaptionerTrainerApiTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"params\": {\"variant\": \"+200\"}, \"inputs\": {\"coco\": \"c\", \"encoder\": \"e\"}}|params.variant",
        "{\"params\": {\"variant\": \"show-attend-tell\"}, \"inputs\": {\"coco\": \"c\", \"encoder\": \"e\"}}|params.variant",
        "{\"params\": {\"variant\": \"base\", \"hyper\": {\"beamSize\": 0}}, \"inputs\": {\"coco\": \"c\", \"encoder\": \"e\"}}|params.hyper",
        "{\"params\": {\"variant\": \"base\", \"hyper\": {\"learningRate\": 0.1}}, \"inputs\": {\"coco\": \"c\", \"encoder\": \"e\"}}|params.hyper",
        "{\"params\": {\"variant\": \"base\", \"captions\": {\"maxLength\": 0}}, \"inputs\": {\"coco\": \"c\", \"encoder\": \"e\"}}|params.captions",
        "{\"params\": {\"variant\": \"base\", \"imageSize\": 15}, \"inputs\": {\"coco\": \"c\", \"encoder\": \"e\"}}|params.imageSize",
        "{\"params\": {\"variant\": \"base\"}, \"inputs\": {\"encoder\": \"e\"}}|inputs.coco",
        "{\"params\": {\"variant\": \"base\"}, \"inputs\": {\"coco\": \"c\"}}|inputs.encoder",
        "{\"params\": {\"variant\": \"+2\"}, \"inputs\": {\"coco\": \"c\", \"encoder\": \"e\"}}|inputs.augmented"})
    void invalidTasksAreRefusedWithProblemDetailsNamingTheField(String body, String field) {
        given().contentType("application/json").body(body).when().post("/v1/tasks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(field));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/v1/tasks"));
    }
}
