package dev.robucap.cli;

import java.nio.file.Path;

/** The robucap checkout the tool runs from (set by {@code bin/robucap}), where the service jars are built. */
final class Home {

    private Home() {
    }

    static Path path() {
        String home = System.getenv("ROBUCAP_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath();
    }
}
