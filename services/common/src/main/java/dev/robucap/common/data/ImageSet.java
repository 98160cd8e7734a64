package dev.robucap.common.data;

import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.image.ImageDecodeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

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

    /** The work done on one image; an {@link ImageDecodeException} means "this image is refused". */
    @FunctionalInterface
    public interface ImageWork {
        void process(Member member) throws Exception;
    }

    /**
     * Runs {@code work} on every member on {@code threads} threads, with at most two images per thread in flight,
     * so that a data set of any size streams through in bounded memory. Returns the refused images (sorted), each
     * with the reason; any other exception (store unreachable, out of memory) is not the image's fault and is
     * rethrown once the pool has drained. {@code progress} hears (done, total) after every image.
     */
    public List<Manifest.Failure> forEachParallel(int threads, BiConsumer<Integer, Integer> progress, ImageWork work)
            throws Exception {
        var refused = new ConcurrentLinkedQueue<Manifest.Failure>();
        var unexpected = new AtomicReference<Exception>();
        var done = new AtomicInteger();
        var inFlight = new Semaphore(2 * threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Member member : members) {
                if (unexpected.get() != null) {
                    break;
                }
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        work.process(member);
                    } catch (ImageDecodeException e) {
                        refused.add(new Manifest.Failure(member.key(), e.getMessage()));
                    } catch (Exception e) {
                        unexpected.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                        progress.accept(done.incrementAndGet(), members.size());
                    }
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        }
        if (unexpected.get() != null) {
            throw unexpected.get();
        }
        List<Manifest.Failure> sorted = new ArrayList<>(refused);
        sorted.sort(Comparator.comparing(Manifest.Failure::source));
        return sorted;
    }
}
