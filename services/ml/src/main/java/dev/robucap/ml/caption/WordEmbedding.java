package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** nn.Embedding(vocab, dim) initialised U(−0.1, 0.1) as the tutorial's init_weights: token ids → rows of weight. */
public final class WordEmbedding extends AbstractBlock {

    private final int dim;
    private final Parameter weight;

    public WordEmbedding(int vocab, int dim) {
        this.dim = dim;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocab, dim)).optInitializer(Layers.uniform(0.1)).build());
    }

    /** Token ids (any shape, int64) → their vectors (that shape, dim). */
    public NDArray embed(ParameterStore ps, NDArray tokens, boolean training) {
        NDArray w = ps.getValue(weight, tokens.getDevice(), training); // (vocab, dim)
        return Embedding.embedding(tokens, w, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(embed(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dim)};
    }
}
