package dev.robucap.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevstackExtension.class)
class PublishTest {

    private final ArtifactStore store;
    private final String prefix = "publish-test/" + UUID.randomUUID();

    PublishTest(Devstack devstack) {
        store = ArtifactStore.connect(ArtifactStoreTest.config(devstack, devstack.s3SecretKey()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void publishedManifestRoundTrips() {
        store.put(prefix + "/a.jpg", new byte[3], "image/jpeg");
        store.put(prefix + "/sub/b.jpg", new byte[5], "image/jpeg");
        Manifest manifest = ArtifactStoreTest.manifest(List.of(
                new Manifest.Entry("a.jpg", 3, "in/a.jpg"), new Manifest.Entry("sub/b.jpg", 5, "in/b.jpg")));
        assertFalse(store.isPublished(prefix));
        assertTrue(store.manifest(prefix).isEmpty());

        store.publish(prefix, manifest);

        assertTrue(store.isPublished(prefix));
        assertTrue(store.isPublished(prefix + "/"));
        assertEquals(manifest, store.manifest(prefix).orElseThrow());
        assertTrue(store.exists(prefix + "/" + Manifest.FILE_NAME));
    }

    @Test
    void refusesWhenAnEntryIsMissing() {
        store.put(prefix + "/a.jpg", new byte[3], "image/jpeg");
        Manifest manifest = ArtifactStoreTest.manifest(List.of(
                new Manifest.Entry("a.jpg", 3, "in/a.jpg"), new Manifest.Entry("b.jpg", 5, "in/b.jpg")));

        StoreException e = assertThrows(StoreException.class, () -> store.publish(prefix, manifest));

        assertTrue(e.getMessage().contains("1 of 2 entries wrong"), e.getMessage());
        assertTrue(e.getMessage().contains("'b.jpg' is missing"), e.getMessage());
        assertFalse(store.isPublished(prefix));
    }

    @Test
    void refusesWhenASizeDiffers() {
        store.put(prefix + "/a.jpg", new byte[3], "image/jpeg");
        Manifest manifest = ArtifactStoreTest.manifest(List.of(new Manifest.Entry("a.jpg", 4, "in/a.jpg")));

        StoreException e = assertThrows(StoreException.class, () -> store.publish(prefix, manifest));

        assertTrue(e.getMessage().contains("'a.jpg' has 3 bytes, the manifest says 4"), e.getMessage());
        assertFalse(store.isPublished(prefix));
    }

    @Test
    void anObjectBesideThePrefixDoesNotCount() {
        store.put(prefix + "-other/a.jpg", new byte[3], "image/jpeg");
        Manifest manifest = ArtifactStoreTest.manifest(List.of(new Manifest.Entry("a.jpg", 3, "in/a.jpg")));

        assertThrows(StoreException.class, () -> store.publish(prefix, manifest));
    }

    @Test
    void entryKeysMustBeValid() {
        Manifest manifest = ArtifactStoreTest.manifest(List.of(new Manifest.Entry("../a.jpg", 3, "in/a.jpg")));
        assertThrows(InvalidKeyException.class, () -> store.publish(prefix, manifest));
    }
}
