package dev.robucap.devstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** S3Proxy over a directory: a real S3 API on loopback that checks every request's signature. */
final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStore blobs;

    private EmbeddedS3(S3Proxy proxy, BlobStore blobs) {
        this.proxy = proxy;
        this.blobs = blobs;
    }

    /** Serves the buckets under {@code dir} on {@code port} (0 = a free one) and makes {@code bucket} if missing. */
    static EmbeddedS3 start(Path dir, int port, String accessKey, String secretKey, String bucket) throws Exception {
        Files.createDirectories(dir);
        BlobStore blobs = new FilesystemNio2BlobStore(dir.toAbsolutePath().toString());
        if (!blobs.containerExists(bucket)) {
            blobs.createContainer(bucket);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        EmbeddedS3 s3 = new EmbeddedS3(proxy, blobs);
        s3.awaitStarted();
        return s3;
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    int port() {
        return proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            blobs.close();
        }
    }

    /** {@code start()} returns while Jetty may still be binding; the port is known only once it has. */
    private void awaitStarted() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
    }
}
