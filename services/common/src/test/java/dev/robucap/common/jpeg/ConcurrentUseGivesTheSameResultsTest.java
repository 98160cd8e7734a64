package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robucap.common.image.Reference;
import dev.robucap.common.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Per-thread readers must not leak state between threads or calls (including calls that failed). */
class ConcurrentUseGivesTheSameResultsTest {

    @Test
    void fourThreadsDoubleCompressingAndDecodingBadInputAgreeWithOneThread() throws Exception {
        List<RgbImage> images = List.of(Reference.image("gradient-67x45"), Reference.image("text-128x96"),
                Reference.image("photo-201x149"));
        byte[] truncated = Reference.bytes("inputs/truncated.jpg");
        List<String> expected = new ArrayList<>();
        for (RgbImage image : images) {
            expected.add(Jpeg.decode(Jpeg.doubleCompress(image, 10, 75)).sha256());
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
                                Jpeg.decode(truncated);
                            } catch (RuntimeException refusedAsExpected) {
                                // leaves the reader in a failed state that the next decode must not see
                            }
                            hashes.add(Jpeg.decode(Jpeg.doubleCompress(image, 10, 75)).sha256());
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
}
