package dev.robucap.cli.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JemallocTest {

    @Test
    void preloadsTheLibraryWhereTheMachineHasIt() {
        Map<String, String> environment = Jemalloc.environment(Map.of("PATH", "/usr/bin"));
        boolean installed = Files.isRegularFile(Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"))
                || Files.isRegularFile(Path.of("/usr/lib/aarch64-linux-gnu/libjemalloc.so.2"))
                || Files.isRegularFile(Path.of("/usr/local/lib/libjemalloc.so.2"));
        assertEquals(installed, environment.containsKey("LD_PRELOAD"), environment.toString());
        assertEquals(installed ? Jemalloc.CONFIG : null, environment.get("MALLOC_CONF"));
    }

    @Test
    void theUsersChoiceWins() {
        assertEquals(Map.of(), Jemalloc.environment(Map.of("ROBUCAP_JEMALLOC", "false")));
        assertEquals(Map.of(), Jemalloc.environment(Map.of("LD_PRELOAD", "/opt/tcmalloc.so")));
    }
}
