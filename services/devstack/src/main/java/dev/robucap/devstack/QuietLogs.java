package dev.robucap.devstack;

import java.util.List;

/**
 * Kafka, S3Proxy and Jetty log every start at INFO. Where the logging backend is slf4j-simple (tests, the CLI),
 * these defaults lower them to WARN; a level the user set wins, and other backends ignore the properties, so no
 * backend is forced on anyone.
 */
final class QuietLogs {

    private static final List<String> CHATTY = List.of(
            "kafka", "org.apache.kafka", "state.change.logger", "org.gaul", "org.eclipse.jetty");

    private QuietLogs() {
    }

    static void apply() {
        for (String logger : CHATTY) {
            String property = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "warn");
            }
        }
    }
}
