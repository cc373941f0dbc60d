package io.nifidq.ml.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {

    @TempDir
    Path root;

    private static ModelMetadata metadata(final String hash) {
        return new ModelMetadata("FASTTEXT", "test engine", 1, List.of("ham", "spam"), hash, Map.of("macroF1", 0.9), "2026-11-28T20:00:00Z");
    }

    private static ModelStore.ModelWriter weights(final String content) {
        return dir -> Files.writeString(dir.resolve("weights.bin"), content, StandardCharsets.UTF_8);
    }

    @Test
    void versionsAreNumberedAndLatestPointsAtTheNewest() throws IOException {
        final ModelStore store = new ModelStore(root);
        final Path first = store.write(metadata("h1"), weights("one"));
        final Path second = store.write(metadata("h2"), weights("two"));
        assertEquals(root.resolve("v0001"), first);
        assertEquals(root.resolve("v0002"), second);
        assertEquals(second, store.latest());
        assertEquals("v0002\n", Files.readString(root.resolve(ModelStore.LATEST)));
        assertEquals(List.of("v0001", "v0002"), store.versions().stream().map(ModelVersion::name).toList());
        assertEquals(first, store.resolve("v0001").path());
        assertEquals(second, store.resolve("latest").path());
    }

    @Test
    void aPublishedVersionHasMetadataAndChecksumsThatVerify() throws IOException {
        final Path version = new ModelStore(root).write(metadata("abc"), weights("weights"));
        final ModelMetadata read = ModelStore.verify(version);
        assertEquals("abc", read.trainingDataHash());
        assertEquals(List.of("ham", "spam"), read.labels());
        final String checksums = Files.readString(version.resolve(ModelStore.CHECKSUMS));
        assertTrue(checksums.contains("  weights.bin\n") && checksums.contains("  metadata.json\n"), checksums);
    }

    @Test
    void aWriterThatFailsHalfwayLeavesThePreviousModelAndNoTrace() throws IOException {
        final ModelStore store = new ModelStore(root);
        final Path good = store.write(metadata("good"), weights("good"));
        final IOException failure = assertThrows(IOException.class, () -> store.write(metadata("bad"), dir -> {
            Files.writeString(dir.resolve("weights.bin"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals(good, store.latest());
        assertEquals(1, store.versions().size());
        try (Stream<Path> children = Files.list(root)) {
            assertEquals(List.of("LATEST", "v0001"), children.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the temporary directory is gone");
        }
        ModelStore.verify(good);
    }

    @Test
    void aCorruptOrIncompleteModelFailsVerificationWithAClearMessage() throws IOException {
        final Path version = new ModelStore(root).write(metadata("x"), weights("original"));
        Files.writeString(version.resolve("weights.bin"), "tampered");
        final ModelStoreException corrupt = assertThrows(ModelStoreException.class, () -> ModelStore.verify(version));
        assertTrue(corrupt.getMessage().contains("corrupt: weights.bin"), corrupt.getMessage());
        Files.delete(version.resolve("weights.bin"));
        final ModelStoreException missing = assertThrows(ModelStoreException.class, () -> ModelStore.verify(version));
        assertTrue(missing.getMessage().contains("weights.bin is missing"), missing.getMessage());
        final ModelStoreException absent = assertThrows(ModelStoreException.class, () -> ModelStore.verify(root.resolve("v0009")));
        assertTrue(absent.getMessage().contains("does not exist"), absent.getMessage());
    }

    @Test
    void aNewerFormatIsRefused() throws IOException {
        final Path version = new ModelStore(root).write(new ModelMetadata("FASTTEXT", "e", 99, List.of("a", "b"), "h", Map.of(), "t"),
                weights("w"));
        final ModelStoreException refused = assertThrows(ModelStoreException.class, () -> ModelStore.verify(version));
        assertTrue(refused.getMessage().contains("format version 99"), refused.getMessage());
    }

    @Test
    void anEmptyStoreHasNoLatestAndSaysSo() throws IOException {
        final ModelStore store = new ModelStore(root.resolve("none"));
        assertTrue(store.latestVersion().isEmpty());
        assertEquals(List.of(), store.versions());
        final ModelStoreException none = assertThrows(ModelStoreException.class, store::latest);
        assertTrue(none.getMessage().contains("No model has been published"), none.getMessage());
        assertThrows(ModelStoreException.class, () -> store.resolve("v12"));
    }
}
