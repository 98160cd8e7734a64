package dev.robucap.evaluator.serving;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query of {@code POST /v1/captions}, whatever the body's form. */
public class CaptionQuery {

    @QueryParam("model")
    @Parameter(required = true, description = "A published captioner-trainer output: its prefix"
            + " (models/captioner-trainer-<key>) or its last segment; GET /v1/models lists them")
    public String model;

    /** Text, so that a bad value is a 400 naming it rather than JAX-RS' bare 404 for query conversion failures. */
    @QueryParam("beamSize")
    @Parameter(description = "Beam width, 1 to robucap.serving.max-beam-size; the captioner's own by default",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    public String beamSize;

    @QueryParam("attention")
    @DefaultValue("false")
    @Parameter(description = "Also return each token's attention map as a PNG")
    public boolean attention;
}
