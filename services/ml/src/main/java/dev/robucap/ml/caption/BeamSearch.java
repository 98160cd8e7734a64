package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tutorial's beam search (caption.py), batched over images: every image keeps beamSize rows in one decoder step.
 * Per image, step 1 expands {@code <start>} into the beamSize best words; each later step keeps the k best of the
 * k·vocab extensions of its k live sequences by total log-probability, sets aside those ending in {@code <end>} and
 * goes on with k minus their number, until none is live or maxCaptionLength + 1 steps are done. The result is the
 * completed sequence of the highest total log-probability, or, if none completed, the best live one. Beam size 1 is
 * greedy decoding. Rows of sequences set aside are kept with score −∞ so that the tensors keep their shape; images
 * that are done leave the batch.
 */
public final class BeamSearch {

    /**
     * A decoded caption: the token ids from {@code <start>} (ending with {@code <end>} when complete), the summed
     * log-probability of the words after {@code <start>}, and the attention weights (pixels) with which each of
     * those words was predicted.
     */
    public record Caption(int[] tokens, double logProbability, boolean complete, float[][] alphas) {
    }

    private record Node(Node parent, int token, float[] alpha, float score) {
    }

    private final AttentionDecoder decoder;
    private final int beamSize;
    private final int maxCaptionLength;
    private final int startToken;
    private final int endToken;

    public BeamSearch(AttentionDecoder decoder, int beamSize, int maxCaptionLength, int startToken, int endToken) {
        if (beamSize < 1 || maxCaptionLength < 1) {
            throw new IllegalArgumentException("beamSize and maxCaptionLength must be >= 1, got " + beamSize + ", "
                    + maxCaptionLength);
        }
        this.decoder = decoder;
        this.beamSize = beamSize;
        this.maxCaptionLength = maxCaptionLength;
        this.startToken = startToken;
        this.endToken = endToken;
    }

    /** The best caption of each image of {@code encoderOut} (images, pixels, encoderDim), in eval mode. */
    public List<Caption> search(ParameterStore ps, NDArray encoderOut) {
        int images = (int) encoderOut.getShape().get(0);
        int pixels = (int) encoderOut.getShape().get(1);
        int k = beamSize;
        int vocab = decoder.vocabSize();
        Caption[] results = new Caption[images];
        List<List<Node>> complete = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            complete.add(new ArrayList<>());
        }
        try (NDManager search = encoderOut.getManager().newSubManager()) {
            NDManager current = search.newSubManager();
            long[] imageRows = new long[images * k];
            for (int r = 0; r < imageRows.length; r++) {
                imageRows[r] = r / k;
            }
            NDArray encoded = encoderOut.get(current.create(imageRows)); // (rows, pixels, encoderDim)
            encoded.attach(current);
            NDArray projected = decoder.project(ps, encoded, false); // (rows, pixels, attentionDim)
            NDList state = decoder.initialState(ps, encoded, false);
            NDArray h = state.get(0); // (rows, decoderDim)
            NDArray c = state.get(1);
            int[] active = new int[images];
            int[] live = new int[images];
            for (int i = 0; i < images; i++) {
                active[i] = i;
                live[i] = k;
            }
            float[] scores = new float[images * k];
            Node[] slots = new Node[images * k];
            long[] words = new long[images * k];
            Arrays.fill(words, startToken);
            for (int r = 0; r < scores.length; r++) {
                scores[r] = r % k == 0 ? 0 : Float.NEGATIVE_INFINITY; // step 1: one <start> per image, not k equal rows
            }
            for (int step = 1; active.length > 0; step++) {
                int rows = active.length * k;
                AttentionDecoder.Step out = decoder.step(ps, encoded, projected,
                        decoder.embed(ps, current.create(words), false), h, c, false);
                NDArray total = out.logits().logSoftmax(1).add(current.create(scores, new Shape(rows, 1)));
                NDList top = total.reshape(active.length, (long) k * vocab).topK(k, 1, true, true); // (active, k)
                float[] topScores = top.get(0).toFloatArray();
                long[] topIndices = top.get(1).toLongArray();
                float[] alphas = out.alpha().toFloatArray(); // (rows, pixels)

                List<Integer> stillActive = new ArrayList<>();
                long[] parents = new long[rows];
                float[] nextScores = new float[rows];
                Node[] nextSlots = new Node[rows];
                long[] nextWords = new long[rows];
                int kept = 0;
                for (int a = 0; a < active.length; a++) {
                    int image = active[a];
                    List<Node> going = new ArrayList<>();
                    List<Integer> goingRows = new ArrayList<>();
                    for (int j = 0; j < live[image]; j++) {
                        long index = topIndices[a * k + j];
                        int row = a * k + (int) (index / vocab);
                        int word = (int) (index % vocab);
                        Node node = new Node(slots[row], word,
                                Arrays.copyOfRange(alphas, row * pixels, (row + 1) * pixels), topScores[a * k + j]);
                        if (word == endToken) {
                            complete.get(image).add(node);
                        } else {
                            going.add(node);
                            goingRows.add(row);
                        }
                    }
                    live[image] = going.size();
                    if (going.isEmpty() || step > maxCaptionLength) {
                        results[image] = best(complete.get(image), going);
                        continue;
                    }
                    stillActive.add(a);
                    for (int s = 0; s < k; s++) {
                        int slot = kept * k + s;
                        boolean used = s < going.size();
                        parents[slot] = used ? goingRows.get(s) : a * k;
                        nextSlots[slot] = used ? going.get(s) : null;
                        nextScores[slot] = used ? going.get(s).score() : Float.NEGATIVE_INFINITY;
                        nextWords[slot] = used ? going.get(s).token() : endToken;
                    }
                    kept++;
                }
                NDManager next = search.newSubManager();
                if (kept > 0) {
                    int keptRows = kept * k;
                    NDArray parentRows = current.create(Arrays.copyOf(parents, keptRows));
                    h = out.h().get(parentRows);
                    c = out.c().get(parentRows);
                    if (kept < active.length) { // images left the batch: keep the rows of the others
                        long[] imageRowsKept = new long[keptRows];
                        for (int r = 0; r < keptRows; r++) {
                            imageRowsKept[r] = (long) stillActive.get(r / k) * k + r % k;
                        }
                        NDArray keptImages = current.create(imageRowsKept);
                        encoded = encoded.get(keptImages);
                        projected = projected.get(keptImages);
                    }
                    for (NDArray carried : new NDArray[] {h, c, encoded, projected}) {
                        carried.attach(next); // the step's temporaries go with `current`
                    }
                }
                current.close();
                current = next;
                int[] nextActive = new int[kept];
                for (int a = 0; a < kept; a++) {
                    nextActive[a] = active[stillActive.get(a)];
                }
                active = nextActive;
                scores = Arrays.copyOf(nextScores, kept * k);
                slots = Arrays.copyOf(nextSlots, kept * k);
                words = Arrays.copyOf(nextWords, kept * k);
            }
            current.close();
        }
        return List.of(results);
    }

    /** The best completed sequence (the first of equal scores, as the tutorial's max), else the best live one. */
    private Caption best(List<Node> complete, List<Node> live) {
        Node best = null;
        for (Node node : complete) {
            if (best == null || node.score() > best.score()) {
                best = node;
            }
        }
        boolean completed = best != null;
        if (!completed) {
            best = live.get(0); // the live sequences come in decreasing score
        }
        List<Node> path = new ArrayList<>();
        for (Node node = best; node != null; node = node.parent()) {
            path.add(0, node);
        }
        int[] tokens = new int[path.size() + 1];
        float[][] alphas = new float[path.size()][];
        tokens[0] = startToken;
        for (int i = 0; i < path.size(); i++) {
            tokens[i + 1] = path.get(i).token();
            alphas[i] = path.get(i).alpha();
        }
        return new Caption(tokens, best.score(), completed, alphas);
    }
}
