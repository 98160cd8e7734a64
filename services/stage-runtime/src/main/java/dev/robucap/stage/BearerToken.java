package dev.robucap.stage;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The REST triggers ({@code /v1/…}) want {@code Authorization: Bearer <token>} when {@code ROBUCAP_AUTH_TOKEN} is
 * set (the Helm chart sets it from a Secret): 401 without it, 403 with another. Health, metrics and OpenAPI are not
 * REST resources and stay open; tasks from Kafka and job mode do not pass here. Unset, the triggers are open, as on
 * one machine where only loopback reaches them, and the service says so when it starts.
 */
@ApplicationScoped
public class BearerToken {

    private static final Logger LOG = Logger.getLogger(BearerToken.class);

    @Inject
    StageConfig config;

    void onStart(@Observes StartupEvent event) {
        if (config.auth().token().isEmpty()) {
            LOG.warn("REST triggers need no token: set ROBUCAP_AUTH_TOKEN where others can reach this service");
        }
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        var token = config.auth().token();
        if (token.isEmpty()) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Problems.response(Response.Status.UNAUTHORIZED, "unauthorized",
                    "send the service's token as 'Authorization: Bearer <token>'")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"robucap\"").build();
        }
        // Compared in constant time: how long a wrong guess takes says nothing about the token.
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))) {
            return Problems.response(Response.Status.FORBIDDEN, "forbidden", "the bearer token is not this service's")
                    .build();
        }
        return null;
    }
}
