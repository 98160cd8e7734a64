package dev.robucap.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientsTest {

    @TempDir
    Path dir;

    @Test
    void theFilesSettingsComeFirstAndOursWin() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SSL
                ssl.truststore.location=/etc/robucap/kafka/tls/truststore.p12
                bootstrap.servers=elsewhere:9093
                """);
        Map<String, Object> config = KafkaClients.config(file.toString(), Map.of("bootstrap.servers", "kafka:9092",
                "acks", "all"));
        assertEquals("SSL", config.get("security.protocol"));
        assertEquals("/etc/robucap/kafka/tls/truststore.p12", config.get("ssl.truststore.location"));
        assertEquals("kafka:9092", config.get("bootstrap.servers"), "robucap's own settings are not the file's");
        assertEquals("all", config.get("acks"));
    }

    @Test
    void withoutAFileOnlyOurs() {
        assertEquals(Map.of("acks", "all"), KafkaClients.config(null, Map.of("acks", "all")));
        assertEquals(Map.of("acks", "all"), KafkaClients.config(" ", Map.of("acks", "all")));
    }

    @Test
    void aFileThatCannotBeReadIsAnErrorNamingIt() {
        var e = assertThrows(EventException.class, () -> KafkaClients.config(dir.resolve("missing").toString(),
                Map.of()));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains(KafkaClients.PROPERTIES_ENV),
                e.getMessage());
    }
}
