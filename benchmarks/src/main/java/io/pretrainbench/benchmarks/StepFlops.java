package io.pretrainbench.benchmarks;

import io.pretrainbench.nn.VitEncoder;

/**
 * Analytic floating-point operation counts, to turn measured throughputs into achieved FLOP/s. Only matmuls are counted
 * (a multiply-add is 2 FLOPs); layer norms, softmax, GELU and the optimiser are a few per element and negligible next
 * to them at these widths.
 *
 * <p>One MAE step per image, forward: the patch embedding on all N tokens (N · p² · d · 2); per encoder block on the T
 * visible tokens, the four attention projections (4 · T · d² · 2), the scores QKᵀ and their product with V (2 · T² · d
 * · 2, summed over heads) and the two MLP layers (2 · T · d · r·d · 2); the decoder embedding (T · d · d′ · 2); per
 * decoder block the same on all N tokens at width d′; the pixel head (N · d′ · p² · 2). Backward costs two matmuls per
 * forward matmul (the gradient of the input and of the weight), so forward + backward ≈ 3 × forward. For the default
 * MAE (N = 49, T = 12, d = d′ = 64, r = 2, depth 4, decoder depth 1, p² = 16) that is 7 418 112 forward, 22 254 336 per
 * step.
 */
public final class StepFlops {
    private StepFlops() {}

    /** FLOPs of one MAE optimisation step (forward + backward) per image. */
    public static long maeStepPerImage(VitEncoder.Config config, int visible, int decoderWidth, int decoderDepth) {
        long n = config.tokens();
        long d = config.width();
        long pixels = config.patchSize();
        long forward = 2 * n * pixels * d
                + config.depth() * block(visible, d, config.mlpRatio())
                + 2L * visible * d * decoderWidth
                + decoderDepth * block(n, decoderWidth, config.mlpRatio())
                + 2 * n * decoderWidth * pixels;
        return 3 * forward;
    }

    /** FLOPs of one pre-norm transformer block on {@code tokens} tokens of width {@code width}, forward. */
    static long block(long tokens, long width, int mlpRatio) {
        long projections = 4 * 2 * tokens * width * width;
        long attention = 2 * 2 * tokens * tokens * width;
        long mlp = 2 * 2 * tokens * width * (mlpRatio * width);
        return projections + attention + mlp;
    }

    /** FLOPs of one {@code size × size} by {@code size × size} matmul. */
    public static long matMul(long size) {
        return 2 * size * size * size;
    }

    /** Prints the FLOPs of the benchmarked MAE step per image and of the peak matmul, for bin/benchmark-vs-peers. */
    public static void main(String[] args) {
        int matMulSize = Integer.parseInt(args[0]);
        System.out.println(maeStepPerImage(
                        VitStepBenchmark.DEFAULT_VIT,
                        MaeStepBenchmark.VISIBLE,
                        MaeStepBenchmark.DECODER_WIDTH,
                        MaeStepBenchmark.DECODER_DEPTH)
                + " " + matMul(matMulSize));
    }
}
