package dev.robucap.common.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevstackExtension.class)
class ArtifactStoreTest {

    private final Devstack devstack;
    private final ArtifactStore store;
    /** The devstack is shared by every test class of the run: each test works under its own prefix. */
    private final String root = "store-test/" + UUID.randomUUID() + "/";

    ArtifactStoreTest(Devstack devstack) {
        this.devstack = devstack;
        this.store = ArtifactStore.connect(config(devstack, devstack.s3SecretKey()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static S3Config config(Devstack devstack, String secretKey) {
        return new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(), secretKey, devstack.bucket());
    }

    @Test
    void bytesRoundTripWithStat() {
        byte[] bytes = "hello, artifact".getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now().minusSeconds(2);
        store.put(root + "hello.txt", bytes, "text/plain");

        assertArrayEquals(bytes, store.getBytes(root + "hello.txt"));
        ObjectInfo info = store.stat(root + "hello.txt").orElseThrow();
        assertEquals(root + "hello.txt", info.key());
        assertEquals(bytes.length, info.size());
        assertFalse(info.etag().isEmpty());
        assertFalse(info.etag().contains("\""));
        assertTrue(info.lastModified().isAfter(before), info::toString);
    }

    @Test
    void streamOfUnknownSizeGoesUpInPartsAndComesBackWhole() throws Exception {
        byte[] bytes = new byte[12 * 1024 * 1024];
        new Random(42).nextBytes(bytes);
        store.put(root + "big.bin", new ByteArrayInputStream(bytes), -1, "application/octet-stream");

        assertEquals(bytes.length, store.stat(root + "big.bin").orElseThrow().size());
        try (InputStream in = store.get(root + "big.bin")) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void listPagesThroughMoreThanAThousandObjects() throws Exception {
        int count = 1050;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> puts = IntStream.range(0, count).<Callable<Void>>mapToObj(i -> () -> {
                store.put(root + "many/" + String.format("%05d", i), new byte[] {(byte) i}, "x/y");
                return null;
            }).toList();
            for (Future<Void> put : pool.invokeAll(puts)) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
        store.put(root + "other", new byte[0], "x/y");

        List<ObjectInfo> listed = store.list(root + "many/");
        assertEquals(count, listed.size());
        assertEquals(root + "many/00000", listed.get(0).key());
        assertEquals(root + "many/01049", listed.get(count - 1).key());
        try (Stream<ObjectInfo> all = store.stream(root)) {
            assertEquals(count + 1, all.count());
        }
    }

    @Test
    void missingKeys() {
        String missing = root + "missing";
        assertTrue(store.stat(missing).isEmpty());
        assertFalse(store.exists(missing));
        NoSuchArtifactException e = assertThrows(NoSuchArtifactException.class, () -> store.getBytes(missing));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
        assertThrows(NoSuchArtifactException.class, () -> store.getJson(missing, Map.class));
    }

    @Test
    void deleteRemovesAndIsIdempotent() {
        store.put(root + "gone", new byte[] {1}, "x/y");
        assertTrue(store.exists(root + "gone"));
        store.delete(root + "gone");
        assertFalse(store.exists(root + "gone"));
        store.delete(root + "gone");
    }

    @Test
    void jsonRoundTrip() {
        store.putJson(root + "value.json", Map.of("quality", 22, "name", "q22"));
        assertEquals(Map.of("quality", 22, "name", "q22"), store.getJson(root + "value.json", Map.class));
    }

    @Test
    void jsonOfTheWrongShapeIsAClearError() {
        store.put(root + "not.json", "not json".getBytes(StandardCharsets.UTF_8), "text/plain");
        StoreException e = assertThrows(StoreException.class, () -> store.getJson(root + "not.json", Manifest.class));
        assertTrue(e.getMessage().contains("not a valid Manifest"), e.getMessage());
    }

    @Test
    void invalidKeysAreRefusedBeforeAnyRequest() {
        assertThrows(InvalidKeyException.class, () -> store.put("../escape", new byte[0], "x/y"));
        assertThrows(InvalidKeyException.class, () -> store.get("/absolute"));
        assertThrows(InvalidKeyException.class, () -> store.stat("a//b"));
        assertThrows(InvalidKeyException.class, () -> store.list("a/../b/"));
        assertThrows(InvalidKeyException.class, () -> store.publish("a/./b", manifest(List.of())));
    }

    @Test
    void wrongCredentialsAreAClearErrorWithoutTheSecret() {
        String wrongSecret = "wrong-" + devstack.s3SecretKey();
        StoreException e = assertThrows(StoreException.class,
                () -> ArtifactStore.connect(config(devstack, wrongSecret)).close());
        assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
        assertTrue(e.getMessage().contains(devstack.s3AccessKey()), e.getMessage());
        assertFalse(e.getMessage().contains(wrongSecret), e.getMessage());
    }

    @Test
    void unreachableServerIsAClearError() {
        S3Config nowhere = new S3Config("http://127.0.0.1:1", "a", "b", "robucap");
        StoreException e = assertThrows(StoreException.class, () -> ArtifactStore.connect(nowhere).close());
        assertTrue(e.getMessage().contains("http://127.0.0.1:1"), e.getMessage());
    }

    @Test
    void connectCreatesAMissingBucket() {
        String bucket = "store-test-" + UUID.randomUUID();
        S3Config config = new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(), devstack.s3SecretKey(), bucket);
        try (ArtifactStore other = ArtifactStore.connect(config)) {
            other.put(root + "k", new byte[] {7}, "x/y");
            assertArrayEquals(new byte[] {7}, other.getBytes(root + "k"));
        }
        assertFalse(store.exists(root + "k"), "written to the other bucket, not this one");
    }

    static Manifest manifest(List<Manifest.Entry> entries) {
        return new Manifest(0, "augment", "abc123", "task-1", Instant.parse("2026-11-27T12:00:00Z"), null,
                Map.of("dataset", "datasets/tiny/"), entries, List.of(new Manifest.Failure("bad.jpg", "truncated")),
                Map.of("images", 2.0));
    }
}
