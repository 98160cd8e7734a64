package dev.robucap.ml.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torchvision's BasicBlock: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), both convolutions 3×3, the first
 * with the block's stride; the shortcut is the identity, or a 1×1 convolution and batch norm ("downsample") where
 * the stride or the channel count changes.
 */
public final class BasicBlock extends AbstractBlock {

    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;
    private final SequentialBlock downsample;

    BasicBlock(int inChannels, int outChannels, int stride) {
        conv1 = addChildBlock("conv1", Layers.conv(outChannels, 3, stride));
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        conv2 = addChildBlock("conv2", Layers.conv(outChannels, 3, 1));
        bn2 = addChildBlock("bn2", Layers.batchNorm());
        downsample = stride != 1 || inChannels != outChannels
                ? addChildBlock("downsample", new SequentialBlock()
                        .add(Layers.conv(outChannels, 1, stride))
                        .add(Layers.batchNorm()))
                : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList identity = downsample == null ? inputs : downsample.forward(ps, inputs, training); // (n, out, h/s, w/s)
        NDList x = conv1.forward(ps, inputs, training); // (n, out, h/s, w/s)
        x = new NDList(Activation.relu(bn1.forward(ps, x, training).singletonOrThrow()));
        x = bn2.forward(ps, conv2.forward(ps, x, training), training); // (n, out, h/s, w/s)
        return new NDList(Activation.relu(x.singletonOrThrow().add(identity.singletonOrThrow())));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv2.getOutputShapes(conv1.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] mid = conv1.getOutputShapes(inputShapes);
        bn1.initialize(manager, dataType, mid);
        conv2.initialize(manager, dataType, mid);
        bn2.initialize(manager, dataType, conv2.getOutputShapes(mid));
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
        }
    }
}
