package dev.robucap.common.store;

import java.nio.charset.StandardCharsets;

/**
 * The rules every object key follows: relative, {@code /}-separated, no {@code .} or {@code ..} segments, no
 * empty segments, no backslashes or control characters (C0, DEL and C1, such as U+009B, a terminal's CSI), no
 * unpaired surrogates (they have no UTF-8 form, so two keys would become one), no bidirectional-text controls (a
 * key must display as what it is: "cat", U+202E, "gpj.exe" shows as "catexe.jpg"), at most 1024 UTF-8 bytes (S3's
 * limit). Keys that pass map one-to-one onto relative file paths, so a key can never reach outside its prefix on a
 * file-system store.
 */
public final class Keys {

    public static final int MAX_BYTES = 1024;
    private static final int QUOTED_MAX_CHARS = 200;

    private Keys() {
    }

    /** Returns {@code key} if it is valid; throws {@link InvalidKeyException} naming the first problem. */
    public static String validate(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidKeyException(key, "empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidKeyException(key, "longer than " + MAX_BYTES + " UTF-8 bytes");
        }
        if (key.startsWith("/")) {
            throw new InvalidKeyException(key, "starts with '/'");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\') {
                throw new InvalidKeyException(key, "contains a backslash");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidKeyException(key, "contains a control character");
            }
            if (isBidiControl(c)) {
                throw new InvalidKeyException(key, "contains a bidirectional-text control (U+"
                        + String.format("%04X", (int) c) + ")");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                    i++;
                } else {
                    throw new InvalidKeyException(key, "contains an unpaired surrogate");
                }
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidKeyException(key, "has an empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidKeyException(key, "has a '" + segment + "' segment");
            }
        }
        return key;
    }

    /** As {@link #validate}, but one trailing {@code /} is allowed: {@code augmented/q22/} names a folder. */
    public static String validatePrefix(String prefix) {
        if (prefix != null && prefix.endsWith("/") && prefix.length() > 1) {
            validate(prefix.substring(0, prefix.length() - 1));
            return prefix;
        }
        return validate(prefix);
    }

    /** The marks, embeddings, overrides and isolates of Unicode's bidirectional algorithm (the "Trojan Source" set). */
    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** {@code key} in single quotes, safe to log: control characters and backslashes escaped, long keys cut. */
    public static String quote(String key) {
        if (key == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("'");
        int end = Math.min(key.length(), QUOTED_MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c) || c == '\\' || c == '\'' || Character.isSurrogate(c) || isBidiControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        if (end < key.length()) {
            quoted.append("…(").append(key.length()).append(" chars)");
        }
        return quoted.append('\'').toString();
    }
}
