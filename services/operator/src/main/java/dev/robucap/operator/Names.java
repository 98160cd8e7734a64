package dev.robucap.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Kubernetes-safe forms of plan task ids: label values and Job names (both at most 63 characters). */
public final class Names {

    static final int MAX = 63;

    private Names() {
    }

    /**
     * A plan task id as a label value: {@code captioner/+22/base} → {@code captioner.q22.base} ('+q' is how the
     * plan writes an augmentation quality, so {@code q} keeps the ids apart); too long ones end in a hash.
     */
    public static String taskLabel(String taskId) {
        return fit(taskId.replace('/', '.').replace("+", "q").replaceAll("[^A-Za-z0-9._-]", "-"));
    }

    /**
     * The Job of one attempt at a task: {@code <experiment>-<task>-<key>-a<attempt>}, a DNS-1123 label. The start of
     * the content key tells the Jobs of an edited spec from those of the old one (whose deletion takes a while).
     */
    public static String jobName(String experiment, String taskId, String contentKey, int attempt) {
        String base = (experiment + "-" + taskId.replace('/', '-').replace("+", "q")).toLowerCase()
                .replaceAll("[^a-z0-9-]", "-");
        String suffix = "-" + contentKey.substring(0, Math.min(6, contentKey.length())) + "-a" + attempt;
        if (base.length() + suffix.length() > MAX) {
            base = base.substring(0, MAX - suffix.length() - 9) + "-" + hash(base);
        }
        return base + suffix;
    }

    private static String fit(String value) {
        return value.length() <= MAX ? value : value.substring(0, MAX - 9) + "-" + hash(value);
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
