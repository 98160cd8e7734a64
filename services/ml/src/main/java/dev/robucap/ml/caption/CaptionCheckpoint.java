package dev.robucap.ml.caption;

import dev.robucap.common.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a captioner run needs to continue exactly: where it is ({@code epoch}, {@code step} = steps of that
 * epoch done; the stage follows from the epoch, the data order and dropout masks from seed, epoch and step), the
 * encoder's and the decoder's parameters, both Adam states, and the best dev BLEU-4 so far with the name of the
 * object that holds its weights.
 *
 * <p>Binary format, big-endian ints and longs: magic "RBCC", version 1; a JSON header (length, UTF-8 bytes) with
 * epoch, step, seed, bestDevBleu4, bestEpoch, bestWeights; the encoder's parameters and the decoder's (each: length,
 * DJL's {@code Block.saveParameters} stream); the decoder's Adam state, then the encoder's (each: steps, moment
 * count, then per parameter its first and its second moment as element count and float32 little-endian values; the
 * encoder's count is 0 before fine-tuning starts).
 */
public record CaptionCheckpoint(Header header, byte[] encoderParameters, byte[] decoderParameters,
        Adam.State decoderAdam, Adam.State encoderAdam) {

    private static final int MAGIC = 0x52424343;
    private static final int VERSION = 1;

    /** @param bestWeights the object holding the best-dev weights ({@link CaptionerTrainer#weights}), null if none */
    public record Header(int epoch, int step, long seed, double bestDevBleu4, int bestEpoch, String bestWeights) {
    }

    /** The name a checkpoint at this position is saved under. */
    public String name() {
        return String.format("checkpoint-e%04d-s%07d.bin", header.epoch(), header.step());
    }

    public byte[] encode() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(
                (encoderParameters.length + decoderParameters.length) * 3 + 1024);
                DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeBlock(out, Json.MAPPER.writeValueAsBytes(header));
            writeBlock(out, encoderParameters);
            writeBlock(out, decoderParameters);
            writeAdam(out, decoderAdam);
            writeAdam(out, encoderAdam);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CaptionCheckpoint decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a robucap captioner checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("captioner checkpoint version " + version + ", this code reads "
                        + VERSION);
            }
            Header header = Json.MAPPER.readValue(readBlock(in), Header.class);
            byte[] encoder = readBlock(in);
            byte[] decoder = readBlock(in);
            Adam.State decoderAdam = readAdam(in);
            return new CaptionCheckpoint(header, encoder, decoder, decoderAdam, readAdam(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt captioner checkpoint: " + e, e);
        }
    }

    private static void writeAdam(DataOutputStream out, Adam.State state) throws IOException {
        out.writeLong(state.steps());
        out.writeInt(state.firstMoments().size());
        for (int i = 0; i < state.firstMoments().size(); i++) {
            writeFloats(out, state.firstMoments().get(i));
            writeFloats(out, state.secondMoments().get(i));
        }
    }

    private static Adam.State readAdam(DataInputStream in) throws IOException {
        long steps = in.readLong();
        int count = in.readInt();
        List<float[]> first = new ArrayList<>(count);
        List<float[]> second = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            first.add(readFloats(in));
            second.add(readFloats(in));
        }
        return new Adam.State(steps, first, second);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer le = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        le.asFloatBuffer().put(values);
        out.writeInt(values.length);
        out.write(le.array());
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        byte[] raw = new byte[in.readInt() * Float.BYTES];
        in.readFully(raw);
        float[] values = new float[raw.length / Float.BYTES];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    private static byte[] readBlock(DataInputStream in) throws IOException {
        byte[] block = new byte[in.readInt()];
        in.readFully(block);
        return block;
    }
}
