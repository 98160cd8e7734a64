package dev.robucap.cli;

import dev.robucap.common.jpeg.Jpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "jpeg", mixinStandardHelpOptions = true,
        description = {"Compress an image as Pillow's Image.save(format='JPEG', quality=Q) does.",
                "With --resave, compress again at that quality (the paper's double compression: Q, then 75)."})
final class JpegCommand implements Callable<Integer> {

    @Option(names = "--quality", required = true, paramLabel = "Q", description = "JPEG quality, 1..100")
    int quality;

    @Option(names = "--resave", paramLabel = "Q2", description = "re-save at this quality after decoding (75 in the paper)")
    Integer resave;

    @Parameters(index = "0", paramLabel = "INPUT", description = "image to compress (JPEG, PNG, BMP, GIF)")
    Path input;

    @Parameters(index = "1", paramLabel = "OUTPUT.jpg", description = "where to write the JPEG")
    Path output;

    @Override
    public Integer call() throws Exception {
        checkQuality("--quality", quality);
        if (resave != null) {
            checkQuality("--resave", resave);
        }
        var image = Images.decode(input);
        byte[] jpeg = resave == null ? Jpeg.compress(image, quality) : Jpeg.doubleCompress(image, quality, resave);
        // Written beside the target and moved: a reader never sees half a file.
        Path absolute = output.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), ".robucap-", ".jpg");
        Files.write(temp, jpeg);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return 0;
    }

    static void checkQuality(String option, int q) {
        if (q < 1 || q > 100) {
            throw new IllegalArgumentException(option + " must be in 1..100, got " + q);
        }
    }
}
