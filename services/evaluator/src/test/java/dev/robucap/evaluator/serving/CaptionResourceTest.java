package dev.robucap.evaluator.serving;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.data.coco.WordMap;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.devstack.DevstackTestResource;
import dev.robucap.evaluator.TinyCaptioner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class CaptionResourceTest {

    private static final WordMap WORDS = WordMap.build(List.of(List.of("a", "red", "square"),
            List.of("a", "blue", "circle")), 0);
    private static final int WIDTH = 48;
    private static final int HEIGHT = 40;
    private static final String PROBLEM = "application/problem+json";

    /** Published once per run: an older captioner, then the one the tests use. */
    private static String older;
    private static String model;

    @Inject
    ArtifactStore store;

    @BeforeEach
    void publishTheCaptioners() {
        if (model == null) {
            String run = UUID.randomUUID().toString();
            older = "models/captioner-trainer-older-" + run;
            TinyCaptioner.publish(store, older, WORDS);
            model = "models/captioner-trainer-" + run;
            TinyCaptioner.publish(store, model, WORDS);
        }
    }

    private static RequestSpecification upload(String type, byte[] body) {
        return upload(type, body, model);
    }

    private static RequestSpecification upload(String type, byte[] body, String modelName) {
        return given().contentType(type).body(body).queryParam("model", modelName);
    }

    private static JsonPath captioned(RequestSpecification request) {
        return request.when().post("/v1/captions")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void aJpegIsCaptionedWithWordsOfTheWordMapAndItsQualityIsEstimated() {
        JsonPath caption = captioned(upload("image/jpeg", Jpeg.encode(image(), 40)));

        assertEquals(model, caption.getString("model"));
        assertEquals(40, caption.getInt("estimatedJpegQuality"));
        assertEquals(TinyCaptioner.HYPER.beamSize(), caption.getInt("beamSize"), "the captioner's own by default");
        assertEquals(List.of(WIDTH, HEIGHT), List.of(caption.getInt("width"), caption.getInt("height")));
        List<String> tokens = caption.getList("tokens", String.class);
        assertEquals(WordMap.START, tokens.get(0));
        assertTrue(WORDS.words().containsAll(tokens), tokens::toString);
        List<String> words = tokens.stream().filter(t -> !Arrays.asList(WordMap.START, WordMap.END, WordMap.PAD)
                .contains(t)).toList();
        assertEquals(String.join(" ", words), caption.getString("caption"));
        assertFalse(caption.getMap("$").containsKey("attention"), "attention only when asked for");
    }

    @Test
    void aPngHasNoEstimatedQualityAndTheModelCanBeNamedByItsLastSegment() throws IOException {
        upload("image/png", rgbaPng(), model.substring(model.lastIndexOf('/') + 1))
                .queryParam("beamSize", 2)
                .when().post("/v1/captions")
                .then().statusCode(200)
                .body("$", hasKey("estimatedJpegQuality")).body("estimatedJpegQuality", nullValue())
                .body("model", equalTo(model))
                .body("beamSize", equalTo(2))
                .body("width", equalTo(WIDTH));
    }

    @Test
    void withAttentionEveryTokenAfterStartHasAPngTheSizeOfTheImage() throws IOException {
        JsonPath caption = captioned(upload("image/jpeg", Jpeg.encode(image(), 75)).queryParam("attention", true));

        List<String> tokens = caption.getList("tokens", String.class);
        List<Map<String, String>> attention = caption.getList("attention");
        assertEquals(tokens.size() - 1, attention.size());
        for (int i = 0; i < attention.size(); i++) {
            assertEquals(tokens.get(i + 1), attention.get(i).get("word"));
            BufferedImage map = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder()
                    .decode(attention.get(i).get("png"))));
            assertEquals(List.of(WIDTH, HEIGHT), List.of(map.getWidth(), map.getHeight()), "map " + i);
        }
    }

    @Test
    void aMultipartFormWithTheImageAsItsFilePartIsCaptioned() {
        captioned(given().multiPart("file", "photo.jpg", Jpeg.encode(image(), 40), "image/jpeg")
                .queryParam("model", model));

        given().multiPart("file", "notes.txt", "hello".getBytes(), "text/plain").queryParam("model", model)
                .when().post("/v1/captions")
                .then().statusCode(415).contentType(PROBLEM);
        given().multiPart("other", "photo.jpg", Jpeg.encode(image(), 40), "image/jpeg").queryParam("model", model)
                .when().post("/v1/captions")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("'file'"));
    }

    @Test
    void concurrentRequestsForOneCaptionerGetTheCaptionOfOneRequestAlone() throws Exception {
        byte[] jpeg = Jpeg.encode(image(), 60);
        String alone = captioned(upload("image/jpeg", jpeg)).getString("tokens");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> together = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                together.add(pool.submit(() -> captioned(upload("image/jpeg", jpeg)).getString("tokens")));
            }
            for (Future<String> tokens : together) {
                assertEquals(alone, tokens.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherContentTypeIsRefusedWith415SayingWhatToSend() {
        upload("text/plain", "a cat".getBytes())
                .when().post("/v1/captions")
                .then().statusCode(415).contentType(PROBLEM).body("detail", containsString("image/jpeg"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsSent() {
        // Expect: 100-continue, as curl sends for large bodies: the refusal comes before the body.
        upload("image/jpeg", new byte[20 * 1024 * 1024 + 1])
                .config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.protocol.expect-continue", true)))
                .when().post("/v1/captions")
                .then().statusCode(413).contentType(PROBLEM).body("detail", containsString("20971520"));
    }

    @Test
    void anImageThatCannotBeDecodedIsRefusedWith400NamingTheProblem() throws IOException {
        byte[] jpeg = Jpeg.encode(image(), 75);
        refused("image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 2), "truncated JPEG");
        refused("image/jpeg", "not an image at all".getBytes(), "not a JPEG");
        refused("image/png", "not an image at all".getBytes(), "not a PNG");
        refused("image/png", jpeg, "not a PNG");
        refused("image/jpeg", withJpegSize(jpeg, 60000, 60000), "megapixel limit");
        refused("image/png", withPngSize(rgbaPng(), 60000, 60000), "megapixel limit");
    }

    private static void refused(String type, byte[] body, String problem) {
        upload(type, body).when().post("/v1/captions")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString(problem));
    }

    @Test
    void aMissingModelOrABadBeamSizeIsRefusedWith400() {
        byte[] jpeg = Jpeg.encode(image(), 75);
        given().contentType("image/jpeg").body(jpeg)
                .when().post("/v1/captions")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("GET /v1/models"));
        for (String beamSize : List.of("0", "11", "wide")) {
            upload("image/jpeg", jpeg).queryParam("beamSize", beamSize)
                    .when().post("/v1/captions")
                    .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("beamSize"));
        }
    }

    @Test
    void anUnknownModelIsRefusedWith404SayingWhereToFindModels() {
        for (String name : List.of("captioner-trainer-nope", "models/encoder-trainer-x", "../etc")) {
            upload("image/jpeg", Jpeg.encode(image(), 75), name)
                    .when().post("/v1/captions")
                    .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("GET /v1/models"));
        }
    }

    @Test
    void theModelsAreListedNewestFirst() {
        JsonPath models = given().when().get("/v1/models").then().statusCode(200).extract().jsonPath();

        List<String> prefixes = models.getList("prefix", String.class);
        assertTrue(prefixes.indexOf(model) >= 0 && prefixes.indexOf(model) < prefixes.indexOf(older),
                prefixes::toString);
        Map<String, Object> listed = models.getMap("find { it.prefix == '" + model + "' }");
        assertEquals("+2", listed.get("variant"));
        assertEquals("base", listed.get("encoderVariant"));
        assertEquals(0.1, ((Number) listed.get("bestDevBleu4")).doubleValue(), 1e-6);
        assertTrue(Instant.parse((String) listed.get("createdAt")).isBefore(Instant.now()));
    }

    @Test
    void theEndpointsAreDocumentedAndTimed() {
        captioned(upload("image/jpeg", Jpeg.encode(image(), 75)));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/v1/captions")).body(containsString("/v1/models"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("robucap_caption_duration_seconds_count{outcome=\"200\""));
    }

    /** A gradient with a red square: something to look at. */
    private static RgbImage image() {
        byte[] rgb = new byte[WIDTH * HEIGHT * 3];
        for (int y = 0, o = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean square = x > 10 && x < 30 && y > 10 && y < 30;
                rgb[o++] = (byte) (square ? 220 : x * 5);
                rgb[o++] = (byte) (square ? 20 : y * 6);
                rgb[o++] = (byte) 90;
            }
        }
        return new RgbImage(WIDTH, HEIGHT, rgb);
    }

    private static byte[] rgbaPng() throws IOException {
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setColor(new Color(0, 0, 255, 128));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.RED);
        g.fillRect(10, 10, 20, 20);
        g.dispose();
        var png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    /** The JPEG with its frame header (SOF0) declaring another size: a decompression bomb's header. */
    private static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] bomb = jpeg.clone();
        for (int i = 2; i + 9 < bomb.length; i++) {
            if ((bomb[i] & 0xff) == 0xFF && (bomb[i + 1] & 0xff) == 0xC0) {
                putShort(bomb, i + 5, height);
                putShort(bomb, i + 7, width);
                return bomb;
            }
        }
        throw new AssertionError("no SOF0 marker");
    }

    /** The PNG with its IHDR declaring another size (its CRC left stale, as a forger might). */
    private static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] bomb = png.clone();
        putShort(bomb, 18, width);
        putShort(bomb, 22, height);
        return bomb;
    }

    private static void putShort(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >> 8);
        bytes[at + 1] = (byte) value;
    }
}
