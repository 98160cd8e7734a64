package dev.robucap.operator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The operator as a skeleton: it builds, starts and serves health. The Experiment reconciler arrives with issue #6;
 * until then this endpoint says so instead of pretending.
 */
@Path("/v1/info")
public class OperatorInfo {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> info() {
        return Map.of("component", "robucap-operator", "reconciler", "not yet implemented (issue #6)");
    }
}
