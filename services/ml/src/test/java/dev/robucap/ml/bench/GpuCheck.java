package dev.robucap.ml.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Says whether DJL's PyTorch engine runs on a GPU (bench/gpu/run.sh): the engine and libtorch versions, the GPUs it
 * sees, and a matrix product on the default device checked against the CPU's. Exit status 1 when there is no GPU or
 * the product differs.
 */
public final class GpuCheck {

    public static void main(String[] args) {
        Engine engine = Engine.getInstance();
        Device device = engine.defaultDevice();
        System.out.printf("engine %s %s, GPUs %d, default device %s%n", engine.getEngineName(), engine.getVersion(),
                engine.getGpuCount(), device);
        try (NDManager gpu = NDManager.newBaseManager(device); NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = cpu.randomUniform(-1, 1, new Shape(512, 512)); // (512, 512)
            NDArray expected = a.matMul(a);
            NDArray actual = a.toDevice(device, true).matMul(a.toDevice(device, true)).toDevice(Device.cpu(), true);
            float difference = expected.sub(actual).abs().max().getFloat();
            System.out.printf("512x512 product on %s: max |difference| to the CPU's %.2e%n", device, difference);
            if (!device.isGpu() || difference > 1e-2f) {
                System.exit(1);
            }
        }
    }
}
