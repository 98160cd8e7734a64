package dev.robucap.evaluator;

import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;

/** Writing an evaluation's outputs. */
final class Outputs {

    private Outputs() {
    }

    /** Puts {@code bytes} at {@code prefix/name} and returns the manifest entry that lists it. */
    static Manifest.Entry put(ArtifactStore store, String prefix, String name, byte[] bytes, String type) {
        store.put(prefix + "/" + name, bytes, type);
        return new Manifest.Entry(name, bytes.length, null);
    }
}
