package dev.robucap.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** torchvision's ResNet head: adaptive average pool to 1×1 → flatten → fully connected layer ("fc"). */
public final class ClassifierHead extends AbstractBlock {

    private final Linear fc;

    ClassifierHead(int inChannels, int numClasses) {
        fc = addChildBlock("fc", Linear.builder().setUnits(numClasses).build());
        fc.setInitializer(TorchInit.LINEAR_WEIGHT, Parameter.Type.WEIGHT);
        fc.setInitializer(TorchInit.linearBias(inChannels), Parameter.Type.BIAS);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray pooled = Pool.globalAvgPool2d(inputs.singletonOrThrow()); // (n, channels)
        return fc.forward(ps, new NDList(pooled), training); // (n, classes)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return fc.getOutputShapes(new Shape[] {pooled(inputShapes[0])});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        fc.initialize(manager, dataType, pooled(inputShapes[0]));
    }

    private static Shape pooled(Shape featureMap) {
        return new Shape(featureMap.get(0), featureMap.get(1));
    }
}
