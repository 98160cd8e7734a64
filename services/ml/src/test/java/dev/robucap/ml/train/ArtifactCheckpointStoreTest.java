package dev.robucap.ml.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.S3Config;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevstackExtension.class)
class ArtifactCheckpointStoreTest {

    @Test
    void aCheckpointRoundTripsThroughS3(Devstack devstack) {
        try (ArtifactStore s3 = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()))) {
            String prefix = "ml-test/" + UUID.randomUUID() + "/checkpoints/";
            CheckpointStore store = new ArtifactCheckpointStore(s3, prefix);
            Checkpoint checkpoint = new Checkpoint(new Checkpoint.Header(2, 5, 7, 0.25, 1, "best-e0001.params"),
                    new byte[] {1, 2, 3}, List.of(new float[] {1.5f, -0f, Float.MIN_VALUE}, new float[0]));

            assertTrue(store.load(checkpoint.name()).isEmpty());
            store.save(checkpoint.name(), checkpoint.encode());

            assertTrue(s3.exists(prefix + "checkpoint-e0002-s0000005.bin"));
            Checkpoint read = Checkpoint.decode(store.load(checkpoint.name()).orElseThrow());
            assertEquals(checkpoint.header(), read.header());
            assertArrayEquals(checkpoint.parameters(), read.parameters());
            assertArrayEquals(checkpoint.momentum().get(0), read.momentum().get(0));
            assertEquals(0, read.momentum().get(1).length);
        }
    }
}
