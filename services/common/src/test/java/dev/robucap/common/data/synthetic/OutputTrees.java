package dev.robucap.common.data.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every file under a directory, by relative path ('/' separated), with its bytes: whole outputs compare as maps. */
final class OutputTrees {

    private OutputTrees() {
    }

    static Map<String, byte[]> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toMap(
                    p -> root.relativize(p).toString().replace('\\', '/'),
                    OutputTrees::read, (a, b) -> a, TreeMap::new));
        }
    }

    /** Same paths and same bytes. */
    static boolean identical(Map<String, byte[]> a, Map<String, byte[]> b) {
        return a.keySet().equals(b.keySet())
                && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
