package dev.robucap.common.data.imagenet;

import dev.robucap.common.store.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The files of a data set wherever they live (an S3 listing, a manifest, a local folder): their keys relative to
 * {@code root}, and a reader for the few small text objects a layout needs, such as a label file.
 */
public record KeySource(String root, List<String> keys, Function<String, String> text) {

    public KeySource {
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        keys = List.copyOf(keys);
    }

    /** Every object under {@code prefix} in the store. */
    public static KeySource store(ArtifactStore store, String prefix) {
        String root = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        List<String> keys = store.list(root + "/").stream().map(o -> o.key().substring(root.length() + 1)).toList();
        return new KeySource(root, keys,
                relative -> new String(store.getBytes(root + "/" + relative), StandardCharsets.UTF_8));
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
        });
    }

    public String fullKey(String relative) {
        return root + "/" + relative;
    }
}
