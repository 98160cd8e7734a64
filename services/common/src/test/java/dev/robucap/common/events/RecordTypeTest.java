package dev.robucap.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordTypeTest {

    static Stream<Arguments> malformedEvents() {
        return Stream.of(
                Arguments.of(null, "no value"),
                Arguments.of("garbage", "not JSON"),
                Arguments.of("[1,2]", "not a JSON object"),
                Arguments.of("{}", "missing required field 'eventId'"),
                Arguments.of("{\"eventId\":\"e\",\"type\":\"STARTED\"}", "missing required field 'taskId'"),
                Arguments.of("{\"eventId\":\"e\",\"type\":\"STARTED\",\"taskId\":\" \"}", "missing required field 'taskId'"),
                Arguments.of("{\"eventId\":\"e\",\"type\":\"STARTED\",\"taskId\":\"t\",\"progress\":\"lots\"}",
                        "not a valid TaskEvent"),
                Arguments.of("{\"eventId\":\"e\",\"type\":\"EXPLODED\",\"taskId\":\"t\"}", "not a valid TaskEvent"),
                Arguments.of("{\"schema\":99,\"eventId\":\"e\",\"type\":\"STARTED\",\"taskId\":\"t\"}",
                        "unsupported schema version 99"),
                Arguments.of("{\"schema\":\"1\",\"eventId\":\"e\",\"type\":\"STARTED\",\"taskId\":\"t\"}",
                        "unsupported schema version \"1\""),
                Arguments.of("{\"schema\":0,\"eventId\":\"e\",\"type\":\"STARTED\",\"taskId\":\"t\"}",
                        "unsupported schema version 0"));
    }

    @ParameterizedTest
    @MethodSource("malformedEvents")
    void malformedEventsAreRefusedWithAReason(String value, String reason) {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> RecordType.TASK_EVENT.parse(value));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void requestsNeedStageAndTaskId() {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> RecordType.TASK_REQUEST.parse("{\"taskId\":\"t\"}"));
        assertEquals("missing required field 'stage'", e.getMessage());
        e = assertThrows(MalformedRecordException.class, () -> RecordType.TASK_REQUEST.parse("{\"stage\":\"augment\"}"));
        assertEquals("missing required field 'taskId'", e.getMessage());
    }

    @Test
    void unknownFieldsAndAMissingSchemaAreAccepted() throws Exception {
        TaskRequest request = RecordType.TASK_REQUEST.parse(
                "{\"taskId\":\"t1\",\"stage\":\"augment\",\"newField\":{\"x\":[1]},\"params\":{\"q\":22}}");
        assertEquals("t1", request.taskId());
        assertEquals(TaskRequest.SCHEMA, request.schema());
        assertEquals(22, request.param("q").asInt());
        assertEquals("t1", RecordType.TASK_REQUEST.id(request));

        TaskEvent event = RecordType.TASK_EVENT.parse(
                "{\"schema\":1,\"eventId\":\"e1\",\"type\":\"PROGRESS\",\"taskId\":\"t1\",\"progress\":0.5,\"x\":1}");
        assertEquals(0.5, event.progress());
        assertEquals("e1", RecordType.TASK_EVENT.id(event));
    }
}
