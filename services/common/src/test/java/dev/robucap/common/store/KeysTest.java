package dev.robucap.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b", "datasets/imagenet/val/n01440764/x.JPEG", "a..b/c", ".hidden/..x",
            "ümlaut/名前 with spaces", "models/abc123/manifest.json"})
    void validKeys(String key) {
        assertEquals(key, Keys.validate(key));
    }

    static Stream<Arguments> invalidKeys() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("/a", "starts with '/'"),
                Arguments.of("a//b", "empty segment"),
                Arguments.of("a/", "empty segment"),
                Arguments.of("..", "'..' segment"),
                Arguments.of("../a", "'..' segment"),
                Arguments.of("a/../b", "'..' segment"),
                Arguments.of("a/..", "'..' segment"),
                Arguments.of(".", "'.' segment"),
                Arguments.of("./a", "'.' segment"),
                Arguments.of("a/./b", "'.' segment"),
                Arguments.of("a\\b", "backslash"),
                Arguments.of("a\nb", "control character"),
                Arguments.of("a\u0000b", "control character"),
                Arguments.of("a\u007fb", "control character"),
                Arguments.of("é".repeat(513), "longer than 1024 UTF-8 bytes"));
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void invalidKeys(String key, String problem) {
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> Keys.validate(key));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void nullIsInvalid() {
        assertThrows(InvalidKeyException.class, () -> Keys.validate(null));
    }

    @Test
    void lengthLimitCountsUtf8Bytes() {
        assertEquals(1024, Keys.validate("é".repeat(512)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertEquals(1024, Keys.validate("a".repeat(1024)).length());
        assertThrows(InvalidKeyException.class, () -> Keys.validate("a".repeat(1025)));
    }

    @Test
    void prefixesMayEndWithOneSlash() {
        assertEquals("augmented/q22/", Keys.validatePrefix("augmented/q22/"));
        assertEquals("augmented/q22", Keys.validatePrefix("augmented/q22"));
        assertThrows(InvalidKeyException.class, () -> Keys.validatePrefix("augmented//"));
        assertThrows(InvalidKeyException.class, () -> Keys.validatePrefix("/"));
        assertThrows(InvalidKeyException.class, () -> Keys.validatePrefix("../"));
        assertThrows(InvalidKeyException.class, () -> Keys.validatePrefix(""));
    }

    @Test
    void messageQuotesTheKeySafely() {
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> Keys.validate("evil\n\u001b[31mred"));
        assertEquals("invalid key 'evil\\u000a\\u001b[31mred': contains a control character", e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20));
    }

    @Test
    void quoteCutsLongKeys() {
        String quoted = Keys.quote("x".repeat(5000));
        assertTrue(quoted.length() < 300, quoted);
        assertTrue(quoted.endsWith("…(5000 chars)'"), quoted);
    }
}
