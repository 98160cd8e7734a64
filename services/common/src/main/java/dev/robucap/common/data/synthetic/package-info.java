/**
 * Synthetic stand-ins for ImageNet and COCO, written in the real on-disk formats so that the project's readers and
 * stages run unchanged on them.
 *
 * <p>Scenes follow "design 1" of {@code shared/notes/synthetic-data.md}: ten classes (five shapes times a warm or
 * cool hue family), each main object filled with fine stripes at an angle of its own class, over a cloudy
 * background, with up to two small distractors. Heavy JPEG compression removes the stripes and blurs the small
 * objects while shape and hue survive; the background detail is tuned so that SSIM at quality 2 is about that of
 * COCO photos (measured with {@code tools/synthetic/measure_ssim.py}).
 *
 * <p>The WordNet ids n90000001..n90000010 and the COCO ids are made up; no real synset or COCO image has them.
 * Entry point: {@link dev.robucap.common.data.synthetic.SyntheticData}.
 */
package dev.robucap.common.data.synthetic;
