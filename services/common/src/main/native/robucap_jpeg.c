/*
 * JNI fast path of dev.robucap.common.jpeg.NativeJpeg: encode and decode through the system's libjpeg (Debian's
 * libjpeg62-turbo), the library Pillow 9.4 uses, with Pillow's settings, so files and pixels equal Pillow's.
 *
 * Every libjpeg error longjmps back to the JNI entry point, which frees what it allocated, destroys the libjpeg
 * object and throws a Java exception: a corrupt input must never take the JVM down. Java copies go through
 * Get/SetByteArrayRegion on small row buffers, so no Java array is pinned while libjpeg runs. No global state.
 */
#include <jni.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

/* One call's error handling and the memory it must free on any exit path. */
struct session {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int truncated;          /* set when libjpeg warned that the data ended early */
    unsigned char *input;   /* decode: copy of the Java input */
    unsigned char *rows;    /* scan-line buffer */
    unsigned char *output;  /* encode: the growing output file */
    size_t output_size;
};

static void on_error(j_common_ptr cinfo) {
    longjmp(((struct session *) cinfo->err)->jump, 1);
}

/*
 * Pillow ignores libjpeg's warnings but refuses truncated files; libjpeg reports truncation only as warnings
 * (JWRN_JPEG_EOF when the data runs out, JWRN_HIT_MARKER when a scan ends early), so those two abort the decode,
 * as the Java path refuses them. Other warnings (extraneous bytes and the like) are tolerated, and nothing is
 * printed to stderr.
 */
static void on_message(j_common_ptr cinfo, int level) {
    struct session *s = (struct session *) cinfo->err;
    if (level < 0 && (s->pub.msg_code == JWRN_JPEG_EOF || s->pub.msg_code == JWRN_HIT_MARKER)) {
        s->truncated = 1;
        longjmp(s->jump, 1);
    }
}

static void init_session(struct session *s) {
    memset(s, 0, sizeof *s);
    jpeg_std_error(&s->pub);
    s->pub.error_exit = on_error;
    s->pub.emit_message = on_message;
}

static void free_session(struct session *s) {
    free(s->input);
    free(s->rows);
    free(s->output);
    s->input = s->rows = s->output = NULL;
}

static void throw_new(JNIEnv *env, const char *class_name, const char *message) {
    jclass type = (*env)->FindClass(env, class_name);
    if (type != NULL) { /* otherwise FindClass left an exception pending */
        (*env)->ThrowNew(env, type, message);
    }
}

/* ---------------------------------------------------------------- encoding */

/* A destination that grows one malloc'd buffer, owned by the session so that an error path can free it. */
struct growing_destination {
    struct jpeg_destination_mgr pub;
    struct session *session;
};

static void destination_init(j_compress_ptr cinfo) {
    struct growing_destination *d = (struct growing_destination *) cinfo->dest;
    d->pub.next_output_byte = d->session->output;
    d->pub.free_in_buffer = d->session->output_size;
}

/* Called when the buffer is full: double it and go on writing after the old contents. */
static boolean destination_grow(j_compress_ptr cinfo) {
    struct growing_destination *d = (struct growing_destination *) cinfo->dest;
    struct session *s = d->session;
    size_t used = s->output_size;
    unsigned char *bigger = realloc(s->output, used * 2);
    if (bigger == NULL) {
        ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 10);
    }
    s->output = bigger;
    s->output_size = used * 2;
    d->pub.next_output_byte = bigger + used;
    d->pub.free_in_buffer = used;
    return TRUE;
}

static void destination_term(j_compress_ptr cinfo) {
    (void) cinfo;
}

/*
 * Pillow 9.4's encoder for an RGB image saved with only a quality (JpegEncode.c): jpeg_set_defaults (YCbCr 4:2:0,
 * ISLOW DCT, standard Huffman tables, JFIF 1.01 with density 1:1 and no unit), jpeg_set_quality(q, TRUE), no
 * optimisation, no progression, no extra markers. The caller clamps the quality to 1..100 and checks the sizes.
 */
JNIEXPORT jbyteArray JNICALL Java_dev_robucap_common_jpeg_NativeJpeg_encode0(
        JNIEnv *env, jclass type, jbyteArray rgb, jint width, jint height, jint quality) {
    (void) type;
    struct session s;
    struct jpeg_compress_struct cinfo;
    struct growing_destination dest;
    JSAMPROW row_pointer[1];
    char message[JMSG_LENGTH_MAX];
    size_t row_bytes = (size_t) width * 3;

    if (width <= 0 || height <= 0 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION
            || (jlong) (*env)->GetArrayLength(env, rgb) != (jlong) row_bytes * height) {
        throw_new(env, "java/lang/IllegalArgumentException", "native JPEG encode: bad image size");
        return NULL;
    }
    init_session(&s);
    memset(&cinfo, 0, sizeof cinfo); /* jpeg_destroy_* is then safe even if jpeg_create_* itself fails */
    cinfo.err = &s.pub;
    if (setjmp(s.jump)) {
        (*s.pub.format_message)((j_common_ptr) &cinfo, message);
        jpeg_destroy_compress(&cinfo);
        free_session(&s);
        throw_new(env, "java/lang/IllegalStateException", message);
        return NULL;
    }
    jpeg_create_compress(&cinfo);
    s.output_size = row_bytes * height / 8 + 4096;
    s.output = malloc(s.output_size);
    s.rows = malloc(row_bytes);
    if (s.output == NULL || s.rows == NULL) {
        ERREXIT1(&cinfo, JERR_OUT_OF_MEMORY, 11);
    }
    dest.session = &s;
    dest.pub.init_destination = destination_init;
    dest.pub.empty_output_buffer = destination_grow;
    dest.pub.term_destination = destination_term;
    cinfo.dest = &dest.pub;

    cinfo.image_width = (JDIMENSION) width;
    cinfo.image_height = (JDIMENSION) height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    row_pointer[0] = s.rows;
    while (cinfo.next_scanline < cinfo.image_height) {
        (*env)->GetByteArrayRegion(env, rgb, (jsize) (row_bytes * cinfo.next_scanline), (jsize) row_bytes,
                (jbyte *) s.rows);
        jpeg_write_scanlines(&cinfo, row_pointer, 1);
    }
    jpeg_finish_compress(&cinfo);

    size_t length = s.output_size - dest.pub.free_in_buffer;
    jbyteArray file = length > 0x7fffffff ? NULL : (*env)->NewByteArray(env, (jsize) length);
    if (file != NULL) {
        (*env)->SetByteArrayRegion(env, file, 0, (jsize) length, (const jbyte *) s.output);
    } else if (!(*env)->ExceptionCheck(env)) {
        throw_new(env, "java/lang/OutOfMemoryError", "native JPEG encode: file over 2 GB");
    }
    jpeg_destroy_compress(&cinfo);
    free_session(&s);
    return file;
}

/* ---------------------------------------------------------------- decoding */

/*
 * Pillow 9.4's decoder (JpegDecode.c) for a YCbCr or greyscale JPEG converted to RGB: libjpeg defaults (ISLOW IDCT,
 * fancy upsampling, no scaling) with RGB output; libjpeg replicates grey into R, G and B as Pillow's
 * convert('RGB') does. Java has parsed the header, checked the pixel limit and allocated rgb_out for
 * width x height; libjpeg's own view of the header must agree before a pixel is written. Refusals throw
 * ImageDecodeException with libjpeg's message; a disagreement with Java's header parser throws
 * IllegalStateException (a bug, not bad input).
 */
JNIEXPORT void JNICALL Java_dev_robucap_common_jpeg_NativeJpeg_decode0(
        JNIEnv *env, jclass type, jbyteArray jpeg, jbyteArray rgb_out, jint width, jint height) {
    (void) type;
    struct session s;
    struct jpeg_decompress_struct cinfo;
    char message[JMSG_LENGTH_MAX + 32];
    const char *disagreement = NULL;
    size_t row_bytes = (size_t) width * 3;
    jsize length = (*env)->GetArrayLength(env, jpeg);

    if (width <= 0 || height <= 0 || length <= 0
            || (jlong) (*env)->GetArrayLength(env, rgb_out) != (jlong) row_bytes * height) {
        throw_new(env, "java/lang/IllegalArgumentException", "native JPEG decode: bad sizes");
        return;
    }
    init_session(&s);
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = &s.pub;
    if (setjmp(s.jump)) {
        if (s.truncated) {
            snprintf(message, sizeof message, "truncated JPEG: premature end of data");
        } else {
            strcpy(message, "corrupt JPEG: ");
            (*s.pub.format_message)((j_common_ptr) &cinfo, message + strlen(message));
        }
        jpeg_destroy_decompress(&cinfo);
        free_session(&s);
        throw_new(env, "dev/robucap/common/image/ImageDecodeException", message);
        return;
    }
    jpeg_create_decompress(&cinfo);
    s.input = malloc((size_t) length);
    s.rows = malloc(row_bytes);
    if (s.input == NULL || s.rows == NULL) {
        ERREXIT1(&cinfo, JERR_OUT_OF_MEMORY, 12);
    }
    (*env)->GetByteArrayRegion(env, jpeg, 0, length, (jbyte *) s.input);
    jpeg_mem_src(&cinfo, s.input, (unsigned long) length);

    if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK) {
        disagreement = "no image in the stream";
    } else if (cinfo.image_width != (JDIMENSION) width || cinfo.image_height != (JDIMENSION) height) {
        disagreement = "image size differs from the parsed header";
    } else if (cinfo.jpeg_color_space != JCS_YCbCr && cinfo.jpeg_color_space != JCS_GRAYSCALE) {
        disagreement = "colour space is not YCbCr or grey";
    }
    if (disagreement == NULL) {
        cinfo.out_color_space = JCS_RGB;
        jpeg_start_decompress(&cinfo);
        if (cinfo.output_width != (JDIMENSION) width || cinfo.output_height != (JDIMENSION) height
                || cinfo.output_components != 3) {
            disagreement = "output size differs from the parsed header";
        }
    }
    if (disagreement != NULL) {
        jpeg_destroy_decompress(&cinfo);
        free_session(&s);
        snprintf(message, sizeof message, "native JPEG decode: %s", disagreement);
        throw_new(env, "java/lang/IllegalStateException", message);
        return;
    }
    JSAMPROW row_pointer[1] = {s.rows};
    while (cinfo.output_scanline < cinfo.output_height) {
        JDIMENSION row = cinfo.output_scanline;
        if (jpeg_read_scanlines(&cinfo, row_pointer, 1) == 1) {
            (*env)->SetByteArrayRegion(env, rgb_out, (jsize) (row_bytes * row), (jsize) row_bytes,
                    (const jbyte *) s.rows);
        }
    }
    /* Reads on to the EOI marker: Pillow refuses a file that ends without one, and so does on_message. */
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free_session(&s);
}
