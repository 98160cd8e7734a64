package dev.robucap.common.data;

import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The images under an S3 prefix. A published output (a prefix with a manifest) is exactly its entries; a data set
 * a user uploaded as is (ImageNet or COCO folders, no manifest) is every object whose name looks like an image.
 * A selection — a text object with one relative key per line, e.g. the COCO test split written from
 * {@code dataset_coco.json} — narrows either to the listed images. {@code relative} is the key below the prefix:
 * outputs keep it, so layouts such as {@code train/<wnid>/x.JPEG} survive augmentation.
 */
public record ImageSet(String prefix, List<Member> members) {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    public record Member(String key, String relative, long size) {
    }

    public static ImageSet open(ArtifactStore store, String prefix) {
        return open(store, prefix, null);
    }

    /** {@code selectionKey}: key of a list of relative keys, or null for every image under the prefix. */
    public static ImageSet open(ArtifactStore store, String prefix, String selectionKey) {
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        var manifest = store.manifest(base);
        List<Member> members = manifest.isPresent()
                ? manifest.get().entries().stream()
                        .filter(e -> isImageName(e.key()))
                        .map(e -> new Member(base + "/" + e.key(), e.key(), e.size()))
                        .toList()
                : store.list(base + "/").stream()
                        .filter(o -> isImageName(o.key()))
                        .map(o -> new Member(o.key(), o.key().substring(base.length() + 1), o.size()))
                        .toList();
        if (selectionKey != null) {
            Set<String> wanted = selection(store, selectionKey);
            members = members.stream().filter(m -> wanted.contains(m.relative())).toList();
            if (members.size() != wanted.size()) {
                throw new IllegalStateException("selection " + selectionKey + " lists " + wanted.size()
                        + " images but only " + members.size() + " of them are under " + base);
            }
        }
        return new ImageSet(base, members.stream().sorted(Comparator.comparing(Member::relative)).toList());
    }

    private static Set<String> selection(ArtifactStore store, String key) {
        String text = new String(store.getBytes(key), StandardCharsets.UTF_8);
        var keys = new LinkedHashSet<String>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(keys::add);
        return keys;
    }

    public static boolean isImageName(String key) {
        int dot = key.lastIndexOf('.');
        return dot > key.lastIndexOf('/')
                && IMAGE_EXTENSIONS.contains(key.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public int size() {
        return members.size();
    }
}
