package dev.robucap.common.data.coco;

/**
 * A caption as the decoder reads it: {@code ids} are {@code <start>}, the words' indices, {@code <end>}, then
 * {@code <pad>} up to {@link CaptionParameters#encodedLength()}; {@code length} counts the words plus the start and
 * end tokens, as the tutorial's {@code caplens}. A fresh array for every caption: the caller owns it.
 */
public record EncodedCaption(int[] ids, int length) {
}
