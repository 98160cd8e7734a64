package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robucap.common.image.Reference;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg.Implementation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-thread readers and native calls must not leak state between threads or calls (including failed ones). */
class ConcurrentUseGivesTheSameResultsTest {

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void fourThreadsDoubleCompressingAndDecodingBadInputAgreeWithOneThread(Implementation implementation)
            throws Exception {
        Implementations.assumeRunnable(implementation);
        List<RgbImage> images = List.of(Reference.image("gradient-67x45"), Reference.image("text-128x96"),
                Reference.image("photo-201x149"));
        byte[] truncated = Reference.bytes("inputs/truncated.jpg");
        List<String> expected = new ArrayList<>();
        for (RgbImage image : images) {
            expected.add(doubleCompressedPixels(image, implementation));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    List<String> hashes = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        hashes.clear();
                        for (RgbImage image : images) {
                            try {
                                Jpeg.decode(truncated, DecodeLimits.DEFAULT, implementation);
                            } catch (RuntimeException refusedAsExpected) {
                                // leaves the reader in a failed state that the next decode must not see
                            }
                            hashes.add(doubleCompressedPixels(image, implementation));
                        }
                    }
                    return hashes;
                }));
            }
            for (Future<List<String>> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String doubleCompressedPixels(RgbImage image, Implementation implementation) {
        byte[] once = Jpeg.encode(image, 10, implementation);
        byte[] twice = Jpeg.encode(Jpeg.decode(once, DecodeLimits.DEFAULT, implementation), 75, implementation);
        return Jpeg.decode(twice, DecodeLimits.DEFAULT, implementation).sha256();
    }
}
