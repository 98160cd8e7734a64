package dev.robucap.common.task;

/** Kafka names: one task topic per stage (and its consumer group), one event topic, one dead-letter topic. */
public final class Topics {

    public static final String EVENTS = "robucap.events";
    public static final String DEAD_LETTER = "robucap.dead-letter";

    private Topics() {
    }

    public static String tasks(String stage) {
        return "robucap.tasks." + stage;
    }

    /** The consumer group of a stage's replicas, which share its task topic's partitions. */
    public static String consumerGroup(String stage) {
        return "robucap-" + stage;
    }
}
