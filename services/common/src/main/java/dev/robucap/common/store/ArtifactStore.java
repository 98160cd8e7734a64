package dev.robucap.common.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.robucap.common.Json;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.http.HttpUtils;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artifacts in one S3 bucket (any S3 API: MinIO, AWS, the devstack's S3Proxy). Every key and prefix is checked
 * by {@link Keys}; every S3 failure becomes a {@link StoreException} naming the operation and the key, a missing
 * object a {@link NoSuchArtifactException}.
 *
 * <p><b>Atomic publication.</b> A PUT of one object is atomic in S3: readers see the old object or the new one,
 * never a part. A task's output is many objects, so it is published in two steps: the task puts every object
 * under its prefix first, then {@link #publish} checks they are all there and writes {@code <prefix>/manifest.json}
 * last. Readers trust only manifests ({@link #manifest}, {@link #isPublished}): objects without a manifest are an
 * unfinished or crashed task's leftovers, never a result.
 *
 * <p><b>Retries.</b> A call that fails for want of a connection (refused, reset, timed out) or with a 5xx
 * answer is tried again after a pause that doubles from {@value #FIRST_PAUSE_MILLIS} ms up to
 * {@value #MAX_PAUSE_MILLIS} ms, {@value #ATTEMPTS} times in all (about a minute: an S3 server restarting is
 * bridged), each retry logged; a 4xx answer (missing key, refused credentials, bad request) is never retried. A
 * {@link #put(String, InputStream, long, String) streamed put} is tried once: its stream cannot be read again.
 *
 * <p>Close the store when done: the HTTP client's threads otherwise keep the JVM alive for a minute.
 */
public final class ArtifactStore implements AutoCloseable {

    /** Part size when the length of a stream is unknown; S3 needs parts of at least 5 MiB. */
    static final long UNKNOWN_SIZE_PART_BYTES = 10L * 1024 * 1024;
    private static final long TIMEOUT_MILLIS = Duration.ofMinutes(5).toMillis();
    private static final Set<String> CREDENTIAL_ERRORS =
            Set.of("SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied");

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactStore.class);
    static final int ATTEMPTS = 10;
    static final long FIRST_PAUSE_MILLIS = 500;
    static final long MAX_PAUSE_MILLIS = 10_000;

    private final MinioClient client;
    private final OkHttpClient http;
    private final S3Config config;

    private ArtifactStore(MinioClient client, OkHttpClient http, S3Config config) {
        this.client = client;
        this.http = http;
        this.config = config;
    }

    /** Connects and creates the bucket if it is missing; wrong credentials fail here, with a clear message. */
    public static ArtifactStore connect(S3Config config) {
        OkHttpClient http = HttpUtils.newDefaultHttpClient(TIMEOUT_MILLIS, TIMEOUT_MILLIS, TIMEOUT_MILLIS);
        MinioClient client = MinioClient.builder()
                .endpoint(config.endpoint())
                .region("us-east-1") // skips a location lookup; S3Proxy and MinIO accept it
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http)
                .build();
        ArtifactStore store = new ArtifactStore(client, http, config);
        try {
            store.call("create bucket", null, () -> {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build());
                }
                return null;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    public String bucket() {
        return config.bucket();
    }

    public void put(String key, byte[] bytes, String contentType) {
        Keys.validate(key);
        call("put", key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket()).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType).build()));
    }

    /** Streams {@code size} bytes to {@code key}; {@code size} -1 = unknown: uploaded in parts (multipart). */
    public void put(String key, InputStream in, long size, String contentType) {
        Keys.validate(key);
        long partSize = size < 0 ? UNKNOWN_SIZE_PART_BYTES : -1;
        callOnce("put", key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket()).object(key)
                .stream(in, size, partSize).contentType(contentType).build()));
    }

    /** The object's content, streamed: close it. */
    public InputStream get(String key) {
        Keys.validate(key);
        return call("get", key, () -> client.getObject(GetObjectArgs.builder().bucket(bucket()).object(key).build()));
    }

    /** The object's content; a connection lost while reading it is retried like any call. */
    public byte[] getBytes(String key) {
        Keys.validate(key);
        return call("get", key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket()).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    public Optional<ObjectInfo> stat(String key) {
        Keys.validate(key);
        try {
            StatObjectResponse stat = call("stat", key,
                    () -> client.statObject(StatObjectArgs.builder().bucket(bucket()).object(key).build()));
            return Optional.of(new ObjectInfo(key, stat.size(), unquote(stat.etag()), stat.lastModified().toInstant()));
        } catch (NoSuchArtifactException e) {
            return Optional.empty();
        }
    }

    public boolean exists(String key) {
        return stat(key).isPresent();
    }

    /** Deletes {@code key}; deleting a missing key is not an error (S3 semantics). */
    public void delete(String key) {
        Keys.validate(key);
        call("delete", key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket()).object(key).build());
            return null;
        });
    }

    /** Every object whose key starts with {@code prefix}, in key order. Holds them all: see {@link #stream}. */
    public List<ObjectInfo> list(String prefix) {
        Keys.validatePrefix(prefix);
        return call("list", prefix, () -> {
            List<ObjectInfo> objects = new ArrayList<>();
            for (io.minio.Result<Item> result : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket()).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                objects.add(new ObjectInfo(item.objectName(), item.size(), unquote(item.etag()),
                        item.lastModified().toInstant()));
            }
            return objects;
        });
    }

    /**
     * Every object whose key starts with {@code prefix}, in key order, fetched page by page (1000 keys) as the
     * stream is consumed: a prefix with 100k objects never sits in memory. A page that fails is not retried (the
     * listing cannot resume there): use {@link #list} where a prefix is small.
     */
    public Stream<ObjectInfo> stream(String prefix) {
        Keys.validatePrefix(prefix);
        Iterable<io.minio.Result<Item>> pages = client.listObjects(
                ListObjectsArgs.builder().bucket(bucket()).prefix(prefix).recursive(true).build());
        return StreamSupport.stream(pages.spliterator(), false).map(result -> callOnce("list", prefix, () -> {
            Item item = result.get();
            return new ObjectInfo(item.objectName(), item.size(), unquote(item.etag()),
                    item.lastModified().toInstant());
        }));
    }

    public void putJson(String key, Object value) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write " + Keys.quote(key) + " as JSON: " + e.getOriginalMessage(), e);
        }
        put(key, json, "application/json");
    }

    public <T> T getJson(String key, Class<T> type) {
        byte[] json = getBytes(key);
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new StoreException(Keys.quote(key) + " is not a valid " + type.getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Publishes the objects under {@code prefix}: checks that every entry of the manifest is there (one listing
     * of the prefix, and the size where the entry gives one, i.e. {@code size >= 0}), then writes the manifest,
     * last. Throws {@link StoreException} listing the first wrong entries, and writes nothing, if any is wrong.
     */
    public void publish(String prefix, Manifest manifest) {
        String folder = folder(prefix);
        Map<String, Long> stored = new HashMap<>();
        list(folder).forEach(object -> stored.put(object.key().substring(folder.length()), object.size()));
        List<String> problems = new ArrayList<>();
        for (Manifest.Entry entry : manifest.entries()) {
            Keys.validate(folder + entry.key());
            Long size = stored.get(entry.key());
            if (entry.key().equals(Manifest.FILE_NAME)) {
                problems.add(Keys.quote(entry.key()) + " is the manifest's own name");
            } else if (size == null) {
                problems.add(Keys.quote(entry.key()) + " is missing");
            } else if (entry.size() >= 0 && size != entry.size()) {
                problems.add(Keys.quote(entry.key()) + " has " + size + " bytes, the manifest says " + entry.size());
            }
        }
        if (!problems.isEmpty()) {
            throw new StoreException("not publishing " + Keys.quote(folder) + ": " + problems.size() + " of "
                    + manifest.entries().size() + " entries wrong, e.g. "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
        }
        putJson(folder + Manifest.FILE_NAME, manifest);
    }

    /** The manifest published under {@code prefix}, or empty while the output is not (completely) there. */
    public Optional<Manifest> manifest(String prefix) {
        try {
            return Optional.of(getJson(folder(prefix) + Manifest.FILE_NAME, Manifest.class));
        } catch (NoSuchArtifactException e) {
            return Optional.empty();
        }
    }

    public boolean isPublished(String prefix) {
        return exists(folder(prefix) + Manifest.FILE_NAME);
    }

    /** Stops the HTTP client's threads and connections. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "ArtifactStore[" + config + "]";
    }

    private static String folder(String prefix) {
        Keys.validatePrefix(prefix);
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T call() throws Exception;
    }

    /** Runs an S3 call, retrying connection failures and 5xx answers (see the class comment). */
    private <T> T call(String operation, String key, S3Call<T> s3) {
        long pause = FIRST_PAUSE_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return s3.call();
            } catch (Exception e) {
                if (attempt >= ATTEMPTS || !retriable(e)) {
                    if (attempt > 1) {
                        LOG.warn("{} failed after {} attempts", describe(operation, key), attempt);
                    }
                    throw failure(operation, key, e);
                }
                LOG.warn("{} failed (attempt {} of {}), retrying in {} ms: {}", describe(operation, key), attempt,
                        ATTEMPTS, pause, e.toString());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(describe(operation, key) + ": interrupted while waiting to retry", e);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    /**
     * Whether a failure may pass: no connection, a connection lost or timed out (any I/O error: S3 answers with
     * an HTTP status, which is not one), or a 5xx answer. A 4xx answer says the request itself is wrong.
     */
    static boolean retriable(Throwable e) {
        if (e instanceof ErrorResponseException response) {
            return response.response() != null && response.response().code() >= 500;
        }
        if (e instanceof ServerException server) {
            return server.statusCode() >= 500;
        }
        return e instanceof IOException || e.getCause() instanceof IOException;
    }

    private <T> T callOnce(String operation, String key, S3Call<T> s3) {
        try {
            return s3.call();
        } catch (Exception e) {
            throw failure(operation, key, e);
        }
    }

    private RuntimeException failure(String operation, String key, Exception e) {
        if (e instanceof ErrorResponseException response) {
            return translate(operation, key, response);
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new StoreException(describe(operation, key) + ": " + e, e);
    }

    private StoreException translate(String operation, String key, ErrorResponseException e) {
        String code = e.errorResponse().code();
        if ("NoSuchKey".equals(code) && key != null) {
            return new NoSuchArtifactException(key);
        }
        if (CREDENTIAL_ERRORS.contains(code)) {
            return new StoreException(describe(operation, key) + ": S3 refused the credentials of access key '"
                    + config.accessKey() + "' (" + code + ")", e);
        }
        return new StoreException(describe(operation, key) + ": " + code + " " + e.errorResponse().message(), e);
    }

    private String describe(String operation, String key) {
        return "S3 " + operation + (key == null ? "" : " " + Keys.quote(key)) + " in bucket " + bucket() + " at "
                + config.endpoint();
    }
}
