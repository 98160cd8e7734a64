package dev.robucap.common.store;

import java.time.Instant;

/** What the store knows about one object without reading it. */
public record ObjectInfo(String key, long size, String etag, Instant lastModified) {
}
