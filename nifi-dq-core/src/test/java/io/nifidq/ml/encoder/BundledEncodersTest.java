package io.nifidq.ml.encoder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copying a bundled encoder out of the class path into the cache folder; no ONNX Runtime involved. */
class BundledEncodersTest {

    @Test
    void aBundledEncoderIsUnpackedOnceAndACorruptedCopyIsReplaced(@TempDir final Path cache) throws Exception {
        final Path directory = BundledEncoders.unpack(BundledEncoders.CHINESE, cache);
        assertEquals(cache.resolve("encoders").resolve("bge-small-zh-v1.5-q-2f462a1cf74a"), directory);
        final long written = Files.getLastModifiedTime(directory.resolve(EncoderDescriptor.MODEL_FILE)).toMillis();

        assertEquals(directory, BundledEncoders.unpack(BundledEncoders.CHINESE, cache));
        assertEquals(written, Files.getLastModifiedTime(directory.resolve(EncoderDescriptor.MODEL_FILE)).toMillis(), "not copied again");

        Files.writeString(directory.resolve(EncoderDescriptor.TOKENIZER_FILE), "{}");
        assertEquals(directory, BundledEncoders.unpack(BundledEncoders.CHINESE, cache));
        assertEquals(BundledEncoders.descriptor(BundledEncoders.CHINESE).fingerprint(), EncoderFiles.verify(directory).fingerprint());
        try (var entries = Files.list(directory.getParent())) {
            assertEquals(1, entries.count(), "no temporary copies left behind");
        }
    }

    @Test
    void theBundledDescriptorsSayWhatTheModelsAre() throws Exception {
        final EncoderDescriptor english = BundledEncoders.descriptor(BundledEncoders.ENGLISH);
        assertEquals(Pooling.CLS, english.pooling());
        assertTrue(english.normalize());
        assertEquals(512, english.maxLength());
        assertEquals(384, english.hiddenSize());
        assertEquals(512, BundledEncoders.descriptor(BundledEncoders.CHINESE).hiddenSize());
    }

    @Test
    void anUnknownNameListsTheBundledOnes() {
        final EncoderException failure = assertThrows(EncoderException.class, () -> BundledEncoders.descriptor("bge-large"));
        assertTrue(failure.getMessage().contains("bge-small-en-v1.5-q, bge-small-zh-v1.5-q"), failure.getMessage());
    }
}
