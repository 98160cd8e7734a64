package dev.robucap.ml;

/** How robucap runs DJL: offline, so that the PyTorch natives always come from the jar and never a download. */
public final class Djl {

    private Djl() {
    }

    /** Turns DJL's offline mode on unless the user chose otherwise ({@code -Dai.djl.offline} or {@code DJL_OFFLINE}). */
    public static void offlineByDefault() {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
