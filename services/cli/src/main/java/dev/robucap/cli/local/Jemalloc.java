package dev.robucap.cli.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * jemalloc for the stage services, where the machine has it (Debian and Ubuntu: {@code apt-get install libjemalloc2}).
 * libtorch allocates and frees every activation and gradient of every step; under glibc's malloc those tensors come
 * back as fresh pages the kernel zero-fills one fault at a time. With jemalloc keeping freed memory, a ResNet-18 step
 * at 224 px on two cores took 2.3 s instead of 2.7–3.1 s, with 0.44 M page faults instead of 2.7 M
 * (services/ml/README.md). Nothing to install for robucap to work: without the library the services use glibc's.
 */
final class Jemalloc {

    /** Where Debian and Ubuntu put it, and where the images link it. */
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/local/lib/libjemalloc.so.2"),
            Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"), Path.of("/usr/lib/aarch64-linux-gnu/libjemalloc.so.2"));
    /**
     * Freed memory is never returned to the system: the process keeps its peak size (a trainer Job exits after its
     * task anyway). Time-based purging (dirty_decay_ms:30000 with oversize_threshold:0) kept DJL's page faults low but
     * tripled PyTorch's, so it is not trusted here.
     */
    static final String CONFIG = "dirty_decay_ms:-1,muzzy_decay_ms:-1";

    private Jemalloc() {
    }

    /**
     * The environment that preloads it: empty where it is missing, where {@code ROBUCAP_JEMALLOC=false}, or where
     * {@code LD_PRELOAD} is already set (the user's choice wins).
     */
    static Map<String, String> environment(Map<String, String> current) {
        if ("false".equalsIgnoreCase(current.get("ROBUCAP_JEMALLOC")) || current.containsKey("LD_PRELOAD")) {
            return Map.of();
        }
        Optional<Path> library = CANDIDATES.stream().filter(Files::isRegularFile).findFirst();
        return library.map(path -> Map.of("LD_PRELOAD", path.toString(), "MALLOC_CONF", CONFIG)).orElse(Map.of());
    }
}
