package dev.robucap.evaluator.serving;

import dev.robucap.common.Json;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * Refuses an upload to {@code POST /v1/captions} that declares more than {@code robucap.serving.max-bytes} with a
 * problem+json 413, before any of it is read. Quarkus' own body limit is the same number (application.properties)
 * and runs just after, answering a bare 413; so it only answers chunked uploads, whose size shows while they are read.
 */
@ApplicationScoped
public class UploadLimit {

    /** Quarkus enforces its body limit at route order -2. */
    private static final int BEFORE_QUARKUS_BODY_LIMIT = -3;

    void install(@Observes Router router, ServingConfig config) {
        long max = config.maxBytes().asLongValue();
        router.post("/v1/captions").order(BEFORE_QUARKUS_BODY_LIMIT).handler(context -> {
            long length = contentLength(context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH));
            if (length <= max) {
                context.next();
                return;
            }
            var status = Response.Status.REQUEST_ENTITY_TOO_LARGE;
            String problem = Json.MAPPER.createObjectNode().put("status", status.getStatusCode())
                    .put("title", status.getReasonPhrase().toLowerCase(Locale.ROOT))
                    .put("detail", "the upload has " + length + " bytes, over the limit of " + max
                            + " (robucap.serving.max-bytes)").toString();
            context.response().setStatusCode(status.getStatusCode())
                    .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .putHeader(HttpHeaderNames.CONNECTION, "close") // the rest of the body is not read
                    .end(problem);
        });
    }

    /** The declared length; -1 when there is none (chunked) or it is not a number, left to Quarkus. */
    private static long contentLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
