package dev.robucap.common.data.coco;

import java.util.Optional;

/** The captioner's three splits, from Karpathy's four: train and restval train, val is the dev set, test is test. */
public enum Split {
    TRAIN, DEV, TEST;

    /** The split of a Karpathy split name; empty for a name Karpathy does not use. */
    static Optional<Split> ofKarpathy(String name) {
        return Optional.ofNullable(switch (name) {
            case "train", "restval" -> TRAIN;
            case "val" -> DEV;
            case "test" -> TEST;
            default -> null;
        });
    }
}
