package dev.robucap.evaluator.serving;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Serving: {@code POST /v1/captions?model=…} captions an uploaded JPEG or PNG with a published captioner, and
 * {@code GET /v1/models} lists those captioners. Errors are problem+json (the stage runtime's {@code Problems}).
 */
@Path("/v1")
@Tag(name = "captions", description = "Caption an uploaded image with a published captioner")
public class CaptionResource {

    private static final String FILE = "file";

    @Inject
    CaptionService captions;

    @Inject
    CaptionModels models;

    @POST
    @Path("/captions")
    @Consumes({"image/jpeg", "image/png"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Caption an image sent as the body")
    @RequestBody(required = true, content = {
        @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "The caption",
            content = @Content(schema = @Schema(implementation = CaptionResponse.class)))
    @APIResponse(responseCode = "400", description = "No model, a bad beamSize, or an image that cannot be decoded"
            + " (truncated, corrupt, over the pixel limit): the detail says which")
    @APIResponse(responseCode = "404", description = "No published captioner of that name")
    @APIResponse(responseCode = "413", description = "Body over robucap.serving.max-bytes")
    @APIResponse(responseCode = "415", description = "Neither image/jpeg, image/png nor multipart/form-data")
    public CaptionResponse caption(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @BeanParam CaptionQuery query,
                                   byte[] image) {
        return captions.caption(type, image, query);
    }

    @POST
    @Path("/captions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Caption an image sent as the part 'file' of a form (its part's type image/jpeg or image/png)")
    @APIResponse(responseCode = "200", description = "The caption",
            content = @Content(schema = @Schema(implementation = CaptionResponse.class)))
    public CaptionResponse captionForm(@RestForm(FILE) FileUpload file, @BeanParam CaptionQuery query) {
        if (file == null) {
            throw new BadRequestException("the form has no part '" + FILE + "' holding the image");
        }
        try {
            return captions.caption(file.contentType(), Files.readAllBytes(file.uploadedFile()), query);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded part back", e);
        }
    }

    /** Any other body: refused with a 415 that says what to send, rather than JAX-RS' bare one. */
    @POST
    @Path("/captions")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public CaptionResponse unsupported(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                       @BeanParam CaptionQuery query) {
        return captions.caption(type, null, query);
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The published captioners, newest first")
    public List<CaptionModels.Summary> models() {
        return models.list();
    }
}
