package dev.robucap.common.data.imagenet;

import dev.robucap.common.store.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The files of a data set wherever they live (an S3 listing, a manifest, a local folder): their keys relative to
 * {@code root}, a reader for the few small text objects a layout needs, such as a label file, and a stream for the
 * large ones, such as COCO's 140 MB {@code dataset_coco.json}, which should be parsed without holding it whole.
 */
public record KeySource(String root, List<String> keys, Function<String, String> text,
                        Function<String, InputStream> stream) {

    public KeySource {
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        keys = List.copyOf(keys);
    }

    /** A source read only through {@code text}: its streams are the texts' UTF-8 bytes. */
    public KeySource(String root, List<String> keys, Function<String, String> text) {
        this(root, keys, text,
                relative -> new ByteArrayInputStream(text.apply(relative).getBytes(StandardCharsets.UTF_8)));
    }

    /** Every object under {@code prefix} in the store. */
    public static KeySource store(ArtifactStore store, String prefix) {
        String root = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        List<String> keys = store.list(root + "/").stream().map(o -> o.key().substring(root.length() + 1)).toList();
        return new KeySource(root, keys,
                relative -> new String(store.getBytes(root + "/" + relative), StandardCharsets.UTF_8),
                relative -> store.get(root + "/" + relative));
    }

    /** Every regular file below {@code root}, with '/' as the separator. */
    public static KeySource folder(Path root) throws IOException {
        List<String> keys;
        try (Stream<Path> files = Files.walk(root)) {
            keys = files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
        return new KeySource(root.toString(), keys, relative -> {
            try {
                return Files.readString(root.resolve(relative));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, relative -> {
            try {
                return Files.newInputStream(root.resolve(relative));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public String fullKey(String relative) {
        return root + "/" + relative;
    }
}
