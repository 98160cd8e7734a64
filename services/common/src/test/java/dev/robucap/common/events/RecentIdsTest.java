package dev.robucap.common.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void forgetsTheLeastRecentlySeen() {
        RecentIds ids = new RecentIds(2);
        ids.add("a");
        ids.add("b");
        assertTrue(ids.contains("a")); // a is now more recent than b
        ids.add("c");
        assertTrue(ids.contains("a"));
        assertFalse(ids.contains("b"));
        assertTrue(ids.contains("c"));
    }
}
