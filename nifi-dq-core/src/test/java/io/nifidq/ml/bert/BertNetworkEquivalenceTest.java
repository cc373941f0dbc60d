package io.nifidq.ml.bert;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.nifidq.ml.encoder.BertEncoder;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.Pooling;
import io.nifidq.ml.encoder.TokenBatch;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.testing.SharedDatasets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DJL copy of a bundled encoder is trusted only when its sentence vectors are ONNX Runtime's: the first 100 texts of a
 * real training split per language, vectors compared by cosine. English: the fp32 graph against its own weights. Chinese:
 * only the int8 graph is served; its dequantised weights run in fp32 here while ONNX Runtime quantises each activation
 * too, so the two agree less closely.
 */
class BertNetworkEquivalenceTest {

    private static final int TEXTS = 100;
    private static final double SAME_ENCODER = 0.999;
    /**
     * The int8 graph against its dequantised copy: lowest 0.9950, mean 0.9966 on these texts (English fp32: lowest
     * 0.99999992), as close as the int8 graph is to itself batched or alone (see BertEncoderTest).
     */
    private static final double SAME_QUANTISED_ENCODER = 0.99;

    @Test
    void englishFp32NetworkGivesOnnxRuntimesSentenceVectors() throws Exception {
        final double[] cosines = compare(BundledEncoders.ENGLISH_FP32, datasetTexts("sst2/split/train.csv"));
        assertTrue(cosines[0] >= SAME_ENCODER, "lowest cosine " + cosines[0] + ", mean " + cosines[1]);
    }

    @Test
    void chineseInt8NetworkDequantisedStaysCloseToOnnxRuntimesVectors() throws Exception {
        final double[] cosines = compare(BundledEncoders.CHINESE, datasetTexts("chnsenticorp_htl_all/split/train.csv"));
        assertTrue(cosines[0] >= SAME_QUANTISED_ENCODER, "lowest cosine " + cosines[0] + ", mean " + cosines[1]);
    }

    @Test
    void shapeIsReadFromTheWeightsAndTheGraph() throws Exception {
        final Path english = BundledEncoders.unpack(BundledEncoders.ENGLISH_FP32, EncoderOptions.builder().build().cacheDirectory());
        final BertShape shape = BertNetwork.shapeOf(OnnxTensors.read(english.resolve("model.onnx")));
        assertEquals(new BertShape(12, 384, 12, 1536, 30522, 512), shape);
        assertEquals(33_360_000, shape.parameterCount(), 200_000);
    }

    /** The lowest and the mean cosine between the two engines' vectors of the texts. */
    static double[] compare(final String bundled, final List<String> texts) throws Exception {
        DjlEngine.get();
        try (BertEncoder onnx = BertEncoder.loadBundled(bundled, EncoderOptions.builder().optIntraOpThreads(2).build());
             BertNetwork network = BertNetwork.fromOnnx(OnnxTensors.read(onnx.directory().resolve("model.onnx")), 0, 0, Device.cpu());
             HuggingFaceTokenizer tokenizer = BertEncoder.openTokenizer(onnx.directory(), onnx.descriptor().maxLength())) {
            final float[][] expected = onnx.embed(texts).vectors();
            double lowest = 1;
            double sum = 0;
            for (int from = 0; from < texts.size(); from += 25) {
                final List<String> part = texts.subList(from, Math.min(texts.size(), from + 25));
                final TokenBatch batch = TokenBatch.of(tokenizer.batchEncode(part));
                try (NDManager call = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                    final NDArray first = BertNetwork.firstToken(network.hiddenStates(call, batch.ids(), batch.mask(), batch.rows(),
                            batch.length(), false));
                    final float[] flat = first.toFloatArray();
                    final int hidden = network.shape().hidden();
                    for (int row = 0; row < batch.rows(); row++) {
                        final float[] actual = java.util.Arrays.copyOfRange(flat, row * hidden, (row + 1) * hidden);
                        Pooling.normalize(actual);
                        final double cosine = dot(actual, expected[from + row]);
                        lowest = Math.min(lowest, cosine);
                        sum += cosine;
                    }
                }
            }
            return new double[] {lowest, sum / texts.size()};
        }
    }

    private static double dot(final float[] a, final float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    static List<String> datasetTexts(final String file) throws Exception {
        return SharedDatasets.column(SharedDatasets.file(file), "text", TEXTS);
    }
}
