package dev.robucap.stage;

import dev.robucap.common.task.InvalidTaskException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors as RFC 9457 problem details: a title and a one-line detail a user can act on. */
public class Problems {

    static Response.ResponseBuilder response(Response.Status status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("status", status.getStatusCode(), "title", title, "detail", detail));
    }

    @ServerExceptionMapper
    public Response invalidTask(InvalidTaskException e) {
        return response(Response.Status.BAD_REQUEST, "invalid task", e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response webError(WebApplicationException e) {
        var status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        String title = status == null ? "error" : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        String detail = e.getMessage();
        if (e.getCause() != null && e.getResponse().getStatus() == 400) {
            // Jackson's message says where the JSON went wrong; the first line is enough.
            detail = "malformed JSON body: " + e.getCause().getMessage().lines().findFirst().orElse("");
        }
        return response(status == null ? Response.Status.INTERNAL_SERVER_ERROR : status, title, detail).build();
    }
}
