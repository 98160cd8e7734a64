package dev.robucap.encodertrainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.robucap.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class EncoderTrainerApiTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"params\": {\"variant\": \"+200\"}, \"inputs\": {\"imagenet\": \"d\"}}|params.variant",
        "{\"params\": {\"variant\": \"resnet\"}, \"inputs\": {\"imagenet\": \"d\"}}|params.variant",
        "{\"params\": {\"variant\": \"base\", \"hyper\": {\"epochs\": -1}}, \"inputs\": {\"imagenet\": \"d\"}}|params.hyper",
        "{\"params\": {\"variant\": \"base\"}, \"inputs\": {}}|inputs.imagenet",
        "{\"params\": {\"variant\": \"base\", \"minCropScale\": 0}, \"inputs\": {\"imagenet\": \"d\"}}|params.minCropScale",
        "{\"params\": {\"variant\": \"+2\"}, \"inputs\": {\"imagenet\": \"d\"}}|inputs.augmented"})
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
