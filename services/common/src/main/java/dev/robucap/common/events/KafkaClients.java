package dev.robucap.common.events;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The settings every Kafka client of robucap starts from: those of the properties file named by
 * {@code ROBUCAP_KAFKA_CLIENT_PROPERTIES} (TLS, SASL, timeouts: the Helm chart mounts it from a Secret), then
 * robucap's own, which win (bootstrap servers, group, serialisation and delivery are not the file's to change).
 */
public final class KafkaClients {

    public static final String PROPERTIES_ENV = "ROBUCAP_KAFKA_CLIENT_PROPERTIES";

    private KafkaClients() {
    }

    /** {@code ours} over the settings file's, if one is named; a file that cannot be read is an error. */
    public static Map<String, Object> config(Map<String, Object> ours) {
        return config(System.getenv(PROPERTIES_ENV), ours);
    }

    static Map<String, Object> config(String file, Map<String, Object> ours) {
        Map<String, Object> config = new HashMap<>();
        if (file != null && !file.isBlank()) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new EventException("cannot read the Kafka client settings " + file + " (" + PROPERTIES_ENV
                        + "): " + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        }
        config.putAll(ours);
        return config;
    }
}
