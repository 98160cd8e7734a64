package dev.robucap.common.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} ids seen, least recently seen forgotten first. Not thread-safe. */
final class RecentIds {

    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        ids = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    boolean contains(String id) {
        return ids.get(id) != null;
    }

    void add(String id) {
        ids.put(id, Boolean.TRUE);
    }
}
