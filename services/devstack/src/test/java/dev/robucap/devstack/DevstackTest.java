package dev.robucap.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevstackExtension.class)
class DevstackTest {

    @Test
    void kafkaRoundTrip(Devstack devstack) throws Exception {
        String topic = "devstack-test-" + UUID.randomUUID();
        produce(devstack, topic, "k", "hello");
        assertEquals(List.of("hello"), consume(devstack, topic, 1));
    }

    @Test
    void s3PutGetList(Devstack devstack) throws Exception {
        MinioClient s3 = s3(devstack, devstack.s3SecretKey());
        String prefix = "devstack-test/" + UUID.randomUUID() + "/";
        for (String name : List.of("a", "b", "c/d")) {
            put(s3, devstack.bucket(), prefix + name, name);
        }
        assertEquals("c/d", read(s3, devstack.bucket(), prefix + "c/d"));
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder().bucket(devstack.bucket())
                .prefix(prefix).recursive(true).build())) {
            keys.add(item.get().objectName().substring(prefix.length()));
        }
        assertEquals(List.of("a", "b", "c/d"), keys);
    }

    @Test
    void wrongSecretKeyIsRefused(Devstack devstack) {
        MinioClient intruder = s3(devstack, devstack.s3SecretKey() + "x");
        ErrorResponseException refused = assertThrows(ErrorResponseException.class,
                () -> put(intruder, devstack.bucket(), "devstack-test/intruder", "x"));
        assertEquals("SignatureDoesNotMatch", refused.errorResponse().code());
        MinioClient owner = s3(devstack, devstack.s3SecretKey());
        assertThrows(ErrorResponseException.class, () -> owner.statObject(StatObjectArgs.builder()
                .bucket(devstack.bucket()).object("devstack-test/intruder").build()));
    }

    @Test
    void environmentNamesBothServers(Devstack devstack) {
        Map<String, String> env = devstack.environment();
        assertEquals(devstack.kafkaBootstrapServers(), env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(devstack.s3Endpoint(), env.get("ROBUCAP_S3_ENDPOINT"));
        assertEquals(devstack.s3AccessKey(), env.get("ROBUCAP_S3_ACCESS_KEY"));
        assertEquals(devstack.s3SecretKey(), env.get("ROBUCAP_S3_SECRET_KEY"));
        assertEquals("robucap", env.get("ROBUCAP_S3_BUCKET"));
        assertTrue(devstack.s3Endpoint().startsWith("http://127.0.0.1:"));
        assertTrue(devstack.kafkaBootstrapServers().startsWith("127.0.0.1:"));
    }

    static void produce(Devstack devstack, String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static List<String> consume(Devstack devstack, String topic, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "devstack-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    static MinioClient s3(Devstack devstack, String secretKey) {
        return MinioClient.builder().endpoint(devstack.s3Endpoint()).region("us-east-1")
                .credentials(devstack.s3AccessKey(), secretKey).build();
    }

    static void put(MinioClient s3, String bucket, String key, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }

    static String read(MinioClient s3, String bucket, String key) throws Exception {
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
