package io.pretrainbench.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncoderStateCodecTest {
    private static final EncoderState STATE = new EncoderState(
            "mlp",
            Map.of("hidden", "4,2"),
            new Weights(Map.of(
                    "layer0/kernel",
                            new WeightTensor(new long[] {2, 2}, new float[] {1.5f, -0f, Float.MIN_VALUE, 3e38f}),
                    "layer0/bias", new WeightTensor(new long[] {2}, new float[] {0.1f, Float.NaN}))));

    @Test
    void roundTripsBitForBit() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String checksum = EncoderStateCodec.write(STATE, out);
        EncoderState read = EncoderStateCodec.read(new ByteArrayInputStream(out.toByteArray()));

        assertThat(read).isEqualTo(STATE);
        assertThat(Float.floatToRawIntBits(read.weights().get("layer0/kernel").values()[1]))
                .isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(checksum).hasSize(64).isEqualTo(EncoderStateCodec.checksum(read));
    }

    @Test
    void aModifiedOrTruncatedFileIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EncoderStateCodec.write(STATE, out);
        byte[] bytes = out.toByteArray();
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 40] ^= 1;
        assertThatThrownBy(() -> EncoderStateCodec.read(new ByteArrayInputStream(flipped)))
                .hasMessageContaining("checksum");
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 10);
        assertThatThrownBy(() -> EncoderStateCodec.read(new ByteArrayInputStream(truncated)))
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> EncoderStateCodec.read(new ByteArrayInputStream("garbage!".getBytes())))
                .hasMessageContaining("not a PretrainBench encoder file");
        assertThatThrownBy(() -> EncoderStateCodec.read(new ByteArrayInputStream(java.util.Arrays.copyOf(bytes, 30))))
                .hasMessageContaining("truncated");
    }
}
