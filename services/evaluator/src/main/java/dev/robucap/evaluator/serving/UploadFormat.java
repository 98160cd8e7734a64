package dev.robucap.evaluator.serving;

import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.image.ImageIoDecoder;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The image formats {@code POST /v1/captions} takes, by media type. The declared type decides the decoder: a PNG
 * sent as {@code image/jpeg} is refused, not guessed.
 */
enum UploadFormat {

    JPEG("image/jpeg") {
        @Override
        Upload decode(byte[] bytes, DecodeLimits limits) {
            OptionalInt quality = Jpeg.ijgQuality(bytes); // reads the header only: refuses a non-JPEG first
            return new Upload(Jpeg.decode(bytes, limits), quality.isPresent() ? quality.getAsInt() : null);
        }
    },
    PNG("image/png") {
        @Override
        Upload decode(byte[] bytes, DecodeLimits limits) {
            if (bytes.length < SIGNATURE.length || !Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0,
                    SIGNATURE.length)) {
                throw new ImageDecodeException("not a PNG: missing the PNG signature");
            }
            return new Upload(ImageIoDecoder.decode(bytes, limits.maxPixels()), null);
        }
    };

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** A decoded upload and the IJG quality of its JPEG tables, null for a PNG or other tables. */
    record Upload(RgbImage image, Integer estimatedJpegQuality) {
    }

    final String mediaType;

    UploadFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /**
     * The image as RGB (PNG through ImageIO: alpha dropped, grey replicated, 16-bit to 8-bit).
     *
     * @throws ImageDecodeException for data of another format, truncated or corrupt data, and images whose header
     *                              declares more than the limit's pixels
     */
    abstract Upload decode(byte[] bytes, DecodeLimits limits);

    /** The format of a media type such as {@code image/PNG; q=1}, if it is one of these. */
    static Optional<UploadFormat> of(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String type = mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(type)).findFirst();
    }
}
