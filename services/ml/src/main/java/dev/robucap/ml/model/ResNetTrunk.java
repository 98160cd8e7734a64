package dev.robucap.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The convolutional part of torchvision's ResNet-18: conv 7×7/2 → batch norm → ReLU → max pool 3×3/2 → four stages
 * of two {@link BasicBlock}s (width, 2·width, 4·width, 8·width channels; the first block of stages 2–4 has stride 2).
 * An image (n, 3, h, w) becomes a feature map (n, 8·width, h/32, w/32); the captioner attends over it.
 */
public final class ResNetTrunk extends AbstractBlock {

    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final List<Block> stages = new ArrayList<>();
    private final int outChannels;

    ResNetTrunk(int width) {
        conv1 = addChildBlock("conv1", Layers.conv(width, 7, 2));
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        int in = width;
        for (int stage = 0; stage < 4; stage++) {
            int out = width << stage;
            int stride = stage == 0 ? 1 : 2;
            stages.add(addChildBlock("layer" + (stage + 1), new SequentialBlock()
                    .add(new BasicBlock(in, out, stride))
                    .add(new BasicBlock(out, out, 1))));
            in = out;
        }
        outChannels = in;
    }

    /** Channels of the feature map: 512 for torchvision's width 64. */
    public int outChannels() {
        return outChannels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = conv1.forward(ps, inputs, training).singletonOrThrow(); // (n, width, h/2, w/2)
        x = Activation.relu(bn1.forward(ps, new NDList(x), training).singletonOrThrow());
        x = Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false); // (n, width, h/4, w/4)
        NDList features = new NDList(x);
        for (Block stage : stages) {
            features = stage.forward(ps, features, training);
        }
        return features; // (n, 8·width, h/32, w/32)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = new Shape[] {pooled(conv1.getOutputShapes(inputShapes)[0])};
        for (Block stage : stages) {
            shapes = stage.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] conv = conv1.getOutputShapes(inputShapes);
        bn1.initialize(manager, dataType, conv);
        Shape[] shapes = new Shape[] {pooled(conv[0])};
        for (Block stage : stages) {
            stage.initialize(manager, dataType, shapes);
            shapes = stage.getOutputShapes(shapes);
        }
    }

    private static Shape pooled(Shape s) {
        return new Shape(s.get(0), s.get(1), Layers.outSize(s.get(2), 3, 2, 1), Layers.outSize(s.get(3), 3, 2, 1));
    }
}
