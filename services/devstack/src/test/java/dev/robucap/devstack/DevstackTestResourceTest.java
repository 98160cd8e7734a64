package dev.robucap.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import java.net.ConnectException;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevstackTestResourceTest {

    @Test
    void configPointsAtRunningServersUntilStopped() throws Exception {
        DevstackTestResource resource = new DevstackTestResource();
        Map<String, String> config = resource.start();
        String endpoint = config.get("robucap.s3.endpoint");
        try {
            MinioClient s3 = MinioClient.builder().endpoint(endpoint).region("us-east-1")
                    .credentials(config.get("robucap.s3.access-key"), config.get("robucap.s3.secret-key")).build();
            assertEquals(true, s3.bucketExists(BucketExistsArgs.builder().bucket(config.get("robucap.s3.bucket")).build()));
            String[] kafka = config.get("kafka.bootstrap.servers").split(":");
            new Socket(kafka[0], Integer.parseInt(kafka[1])).close();
        } finally {
            resource.stop();
        }
        int s3Port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", s3Port).close());
    }
}
