package dev.robucap.common.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.image.ImageDecodeException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ImageSetTest {

    private static ImageSet images(int n) {
        return new ImageSet("p", IntStream.range(0, n)
                .mapToObj(i -> new ImageSet.Member("p/img" + i + ".jpg", "img" + i + ".jpg", 1)).toList());
    }

    @Test
    void everyImageIsProcessedOnceAndRefusedOnesAreReturnedSortedWithTheirReason() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        var inFlight = new AtomicInteger();
        var maxInFlight = new AtomicInteger();
        var last = new AtomicInteger();

        var refused = images(50).forEachParallel(3, (done, total) -> last.set(done), member -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                assertTrue(seen.add(member.key()));
                if (member.relative().endsWith("7.jpg")) {
                    throw new ImageDecodeException("broken " + member.relative());
                }
            } finally {
                inFlight.decrementAndGet();
            }
        });

        assertEquals(50, seen.size());
        assertEquals(50, last.get());
        assertTrue(maxInFlight.get() <= 3);
        assertEquals(List.of("p/img17.jpg", "p/img27.jpg", "p/img37.jpg", "p/img47.jpg", "p/img7.jpg"),
                refused.stream().map(f -> f.source()).toList());
        assertEquals("broken img7.jpg", refused.get(4).reason());
    }

    @Test
    void aFailureThatIsNotTheImagesFaultFailsTheWholeRun() {
        var boom = new IllegalStateException("store unreachable");
        var thrown = assertThrows(IllegalStateException.class, () -> images(20).forEachParallel(2, (d, t) -> { },
                member -> {
                    if (member.relative().equals("img3.jpg")) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
    }

    @Test
    void imageNamesAreRecognisedByExtensionWhateverTheCase() {
        assertTrue(ImageSet.isImageName("train/n01/a.JPEG"));
        assertTrue(ImageSet.isImageName("x/y.png"));
        assertFalse(ImageSet.isImageName("dataset_coco.json"));
        assertFalse(ImageSet.isImageName("dir.jpg/readme"));
    }
}
