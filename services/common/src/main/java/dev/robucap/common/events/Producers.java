package dev.robucap.common.events;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** The one producer configuration: idempotent and acknowledged by all in-sync replicas, so no record is lost. */
final class Producers {

    private Producers() {
    }

    static KafkaProducer<String, String> create(String bootstrapServers) {
        return new KafkaProducer<>(KafkaClients.config(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new StringSerializer());
    }
}
