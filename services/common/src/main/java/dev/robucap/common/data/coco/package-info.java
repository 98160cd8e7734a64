/**
 * COCO captioning data as the paper's captioner reads it: Karpathy's {@code dataset_coco.json} beside the COCO 2014
 * image folders, prepared as the reference tutorial (sgrvinod's a-PyTorch-Tutorial-to-Image-Captioning,
 * {@code create_input_files}) prepares it.
 * <p>
 * {@link dev.robucap.common.data.coco.CocoDataset#read} validates the file strictly and picks every image's captions
 * (train+restval / val / test become {@link dev.robucap.common.data.coco.Split#TRAIN}, {@code DEV}, {@code TEST});
 * its {@link dev.robucap.common.data.coco.WordMap} numbers the vocabulary and encodes captions for the decoder;
 * {@link dev.robucap.common.data.coco.CaptionImageTransform} turns an image into the encoder's tensor;
 * {@link dev.robucap.common.data.coco.CocoResult} writes generated captions in COCO's results format. The
 * {@code +q} training set pairs every training image with the augmenter's compressed copy, which the augmenter
 * makes from the selection {@link dev.robucap.common.data.coco.CocoDataset#selection} writes.
 */
package dev.robucap.common.data.coco;
