package dev.robucap.ml.train;

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
 * Everything a run needs to continue exactly: where it is ({@code epoch}, {@code step} = steps of that epoch done;
 * the learning rate follows from the epoch, the data order from seed and epoch), the model's parameters and batch-norm
 * statistics, the SGD momentum buffers, and the best dev top-1 so far with the name of the object that holds its
 * weights.
 *
 * <p>Binary format, big-endian ints: magic "RBCK", version 1; a JSON header (length, UTF-8 bytes) with epoch, step,
 * seed, bestDevTop1, bestEpoch, bestWeights; the parameters (length, DJL's {@code Block.saveParameters} stream); the
 * momentum buffers (count; per buffer: element count, float32 little-endian values), in the order of the model's
 * trainable parameters.
 */
public record Checkpoint(Header header, byte[] parameters, List<float[]> momentum) {

    /** The pointer to the newest checkpoint: {@code {"checkpoint": "<name>"}}. */
    public static final String LATEST = "latest.json";

    private static final int MAGIC = 0x5242434B;
    private static final int VERSION = 1;

    /** @param bestWeights the object holding the best-dev parameters ({@code Block.saveParameters}), null if none */
    public record Header(int epoch, int step, long seed, double bestDevTop1, int bestEpoch, String bestWeights) {
    }

    /** The newest checkpoint's name in {@link #LATEST}. */
    public record Pointer(String checkpoint) {
    }

    /** The name a checkpoint at this position is saved under. */
    public String name() {
        return String.format("checkpoint-e%04d-s%07d.bin", header.epoch(), header.step());
    }

    public byte[] encode() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(parameters.length * 2 + 1024);
                DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeBlock(out, Json.MAPPER.writeValueAsBytes(header));
            writeBlock(out, parameters);
            out.writeInt(momentum.size());
            for (float[] buffer : momentum) {
                ByteBuffer le = ByteBuffer.allocate(buffer.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                le.asFloatBuffer().put(buffer);
                out.writeInt(buffer.length);
                out.write(le.array());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Checkpoint decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a robucap checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("checkpoint version " + version + ", this code reads " + VERSION);
            }
            Header header = Json.MAPPER.readValue(readBlock(in), Header.class);
            byte[] parameters = readBlock(in);
            int count = in.readInt();
            List<float[]> momentum = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] raw = new byte[in.readInt() * Float.BYTES];
                in.readFully(raw);
                float[] buffer = new float[raw.length / Float.BYTES];
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(buffer);
                momentum.add(buffer);
            }
            return new Checkpoint(header, parameters, momentum);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt checkpoint: " + e, e);
        }
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
