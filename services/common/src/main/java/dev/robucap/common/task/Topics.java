package dev.robucap.common.task;

/** Kafka topic names: one task topic per stage, one event topic, one dead-letter topic. */
public final class Topics {

    public static final String EVENTS = "robucap.events";
    public static final String DEAD_LETTER = "robucap.dead-letter";

    private Topics() {
    }

    public static String tasks(String stage) {
        return "robucap.tasks." + stage;
    }
}
