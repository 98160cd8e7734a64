package dev.robucap.ml.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torchvision's {@code resnet18(num_classes=...)}, block by block: a {@link ResNetTrunk} (image → 512-channel
 * feature map) and a {@link ClassifierHead} (feature map → logits). 11,689,512 trainable parameters for 1,000
 * classes; in general 11,176,512 + 513 · classes. Initialised as torchvision initialises it (see {@code TorchInit}).
 */
public final class ResNet18 extends AbstractBlock {

    /** torchvision's base width: channels of the first stage. */
    public static final int WIDTH = 64;

    private final ResNetTrunk trunk;
    private final ClassifierHead head;

    /** torchvision's ResNet-18 with {@code numClasses} outputs. */
    public ResNet18(int numClasses) {
        this(numClasses, WIDTH);
    }

    /**
     * The same architecture with stages of {@code width}, 2·, 4· and 8·{@code width} channels: for fast tests and
     * benchmarks of the training machinery only; {@link #WIDTH} is torchvision's.
     */
    public ResNet18(int numClasses, int width) {
        if (numClasses < 1 || width < 1) {
            throw new IllegalArgumentException("numClasses and width must be >= 1, got " + numClasses + ", " + width);
        }
        trunk = addChildBlock("trunk", new ResNetTrunk(width));
        head = addChildBlock("head", new ClassifierHead(trunk.outChannels(), numClasses));
    }

    /** Image (n, 3, h, w) → feature map (n, 512, h/32, w/32), sharing this model's parameters. */
    public ResNetTrunk trunk() {
        return trunk;
    }

    /** Feature map (n, 512, h', w') → logits (n, classes), sharing this model's parameters. */
    public ClassifierHead head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList features = trunk.forward(ps, inputs, training); // (n, 512, h/32, w/32)
        return head.forward(ps, features, training); // (n, classes)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(trunk.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, trunk.getOutputShapes(inputShapes));
    }
}
