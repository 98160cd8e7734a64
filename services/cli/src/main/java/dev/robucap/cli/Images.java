package dev.robucap.cli;

import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading images from files for the commands, with errors that name the file. */
final class Images {

    private Images() {
    }

    static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + file);
        }
    }

    static RgbImage decode(Path file) throws IOException {
        try {
            return Jpeg.decode(read(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + Robucap.oneLine(e), e);
        }
    }
}
