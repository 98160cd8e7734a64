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
    @CsvSource(delimiter = '|', textBlock = """
        {"variant": "+200"}                                | {"coco": "c", "encoder": "e"} | params.variant
        {"variant": "show-attend-tell"}                    | {"coco": "c", "encoder": "e"} | params.variant
        {"variant": "base", "hyper": {"beamSize": 0}}      | {"coco": "c", "encoder": "e"} | params.hyper
        {"variant": "base", "hyper": {"learningRate": 1}}  | {"coco": "c", "encoder": "e"} | params.hyper
        {"variant": "base", "captions": {"maxLength": 0}}  | {"coco": "c", "encoder": "e"} | params.captions
        {"variant": "base", "imageSize": 15}               | {"coco": "c", "encoder": "e"} | params.imageSize
        {"variant": "base"}                                | {"encoder": "e"}              | inputs.coco
        {"variant": "base"}                                | {"coco": "c"}                 | inputs.encoder
        {"variant": "+2"}                                  | {"coco": "c", "encoder": "e"} | inputs.augmented
        """)
    void invalidTasksAreRefusedWithProblemDetailsNamingTheField(String params, String inputs, String field) {
        given().contentType("application/json").body("{\"params\": " + params + ", \"inputs\": " + inputs + "}")
                .when().post("/v1/tasks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(field));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/v1/tasks"));
    }
}
