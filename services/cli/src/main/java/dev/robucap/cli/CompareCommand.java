package dev.robucap.cli;

import dev.robucap.common.Json;
import dev.robucap.common.quality.ImageQuality;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Image quality of DISTORTED against ORIGINAL: PSNR, SSIM and SSIM on luma.",
                "PSNR over all RGB samples (peak 255); SSIM as scikit-image computes it (Gaussian window,",
                "sigma 1.5, K1 0.01, K2 0.03, mean over channels); SSIM-Y on Y = 0.299R + 0.587G + 0.114B."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ORIGINAL")
    Path original;

    @Parameters(index = "1", paramLabel = "DISTORTED")
    Path distorted;

    @Option(names = "--json", description = "print one JSON object {\"psnr\", \"ssim\", \"ssim_y\"}")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var c = ImageQuality.compare(Images.decode(original), Images.decode(distorted));
        var out = spec.commandLine().getOut();
        if (json) {
            var node = Json.MAPPER.createObjectNode();
            // JSON has no infinity: identical images have an unbounded PSNR, printed as null.
            if (Double.isFinite(c.psnr())) {
                node.put("psnr", c.psnr());
            } else {
                node.putNull("psnr");
            }
            node.put("ssim", c.ssim()).put("ssim_y", c.ssimY());
            out.println(Json.MAPPER.writeValueAsString(node));
        } else {
            out.printf(Locale.ROOT, "PSNR   %.4f dB%nSSIM   %.6f%nSSIM-Y %.6f%n", c.psnr(), c.ssim(), c.ssimY());
        }
        out.flush();
        return 0;
    }
}
