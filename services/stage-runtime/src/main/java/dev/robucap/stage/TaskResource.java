package dev.robucap.stage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The REST trigger of a stage: {@code POST /v1/tasks} queues a task (202 and its id, 400 with the field at fault,
 * 429 with Retry-After when the queue is full), {@code GET /v1/tasks/{id}} tells its latest state, and
 * {@code GET /v1/tasks/{id}/events} streams its events as server-sent events until it ends.
 */
@Path("/v1/tasks")
public class TaskResource {

    /** The body of {@code POST /v1/tasks}: the stage is this service's, the id is optional. */
    public record TaskBody(String taskId, String stage, ObjectNode params, Map<String, String> inputs, Boolean force) {
    }

    @Inject
    TaskService tasks;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a task of this stage")
    @APIResponse(responseCode = "202", description = "Queued; Location is the task's URL")
    @APIResponse(responseCode = "400", description = "Invalid task: the message names the field")
    @APIResponse(responseCode = "429", description = "Queue full: retry after the Retry-After seconds")
    public Response submit(TaskBody body) {
        if (body == null) {
            throw new InvalidTaskException("body", "a JSON object with params and inputs is required");
        }
        String stage = tasks.runner().stage().name();
        if (body.stage() != null && !body.stage().equals(stage)) {
            throw new InvalidTaskException("stage", "this service runs '" + stage + "', not '" + body.stage() + "'");
        }
        var task = new TaskRequest(TaskRequest.SCHEMA, body.taskId(), stage, body.params(), body.inputs(), null,
                Boolean.TRUE.equals(body.force()));
        tasks.runner().stage().validate(task);
        try {
            TaskEvent queued = tasks.submit(task);
            return Response.accepted(queued).location(URI.create("/v1/tasks/" + task.taskId())).build();
        } catch (RejectedExecutionException e) {
            return Problems.response(Response.Status.TOO_MANY_REQUESTS, "queue full",
                    "this replica's task queue is full; retry later").header("Retry-After", "10").build();
        }
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest event of a task")
    public Response get(@PathParam("id") String id) {
        return tasks.latest(id).map(e -> Response.ok(e).build())
                .orElseGet(() -> Problems.response(Response.Status.NOT_FOUND, "unknown task",
                        "no task " + id + " on this replica").build());
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The task's events as server-sent events, ending with SUCCEEDED or FAILED")
    public Multi<TaskEvent> events(@PathParam("id") String id) {
        if (tasks.latest(id).isEmpty()) {
            throw new jakarta.ws.rs.NotFoundException("no task " + id + " on this replica");
        }
        return tasks.events(id);
    }
}
