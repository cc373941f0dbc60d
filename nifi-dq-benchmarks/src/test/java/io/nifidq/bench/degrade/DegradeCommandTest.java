package io.nifidq.bench.degrade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DegradeCommandTest {

    private static final String TRAIN = """
            text,label
            "Hello, world",ham
            "He said ""win"" now",spam
            "two
            lines",ham
            plain,ham
            """;

    @TempDir
    Path dir;

    private Path split() throws IOException {
        final Path split = Files.createDirectories(dir.resolve("split"));
        final StringBuilder train = new StringBuilder(TRAIN);
        for (int i = 0; i < 96; i++) {
            train.append("message ").append(i).append(',').append(i % 4 == 0 ? "spam" : "ham").append('\n');
        }
        Files.writeString(split.resolve("train.csv"), train, StandardCharsets.UTF_8);
        Files.writeString(split.resolve("test.csv"), "text,label\nuntouched,ham\n", StandardCharsets.UTF_8);
        return split;
    }

    @Test
    void csvIsReadAndWrittenBackByteForByte() throws IOException {
        final Path split = split();
        final LabelledTable table = LabelledTable.read(split.resolve("train.csv"));
        assertEquals(100, table.rows().size());
        assertEquals(List.of("He said \"win\" now", "spam"), table.rows().get(1));
        assertEquals("two\nlines", table.rows().get(2).get(0));
        assertEquals(Files.readString(split.resolve("train.csv")), table.toText());
    }

    @Test
    void tsvIsReadAndWrittenInItsOwnFormat() throws IOException {
        final Path file = dir.resolve("train.tsv");
        Files.writeString(file, "text\tlabel\na, \"b\"\t1\nc\t0\n");
        final LabelledTable table = LabelledTable.read(file);
        assertEquals(LabelledTable.Format.TSV, table.format());
        assertEquals(List.of("a, \"b\"", "1"), table.rows().getFirst());
        assertEquals(Files.readString(file), table.toText());
    }

    @Test
    void degradeWritesTheCorruptedTrainFileTheUntouchedTestFileAndAManifest() throws IOException {
        final Path split = split();
        final Path out = dir.resolve("out");
        final DegradationManifest manifest = DegradeCommand.run(List.of("--in", split.toString(), "--out", out.toString(),
                "--corruption", "label-noise", "--strength", "0.2", "--seed", "1"));
        assertEquals(100, manifest.recordsIn());
        assertEquals(100, manifest.recordsOut());
        assertEquals(20L, manifest.counts().get("labelsFlipped"));
        assertEquals("label_noise", manifest.finding());
        assertEquals(20, manifest.rows().size());
        assertArrayEquals(Files.readAllBytes(split.resolve("test.csv")), Files.readAllBytes(out.resolve("test.csv")));

        final LabelledTable clean = LabelledTable.read(split.resolve("train.csv"));
        final LabelledTable noisy = LabelledTable.read(out.resolve("train.csv"));
        int differing = 0;
        for (int i = 0; i < clean.rows().size(); i++) {
            differing += clean.rows().get(i).get(1).equals(noisy.rows().get(i).get(1)) ? 0 : 1;
        }
        assertEquals(20, differing);
        assertEquals(manifest, DegradationManifest.read(out));

        final byte[] first = Files.readAllBytes(out.resolve("train.csv"));
        final byte[] firstManifest = Files.readAllBytes(out.resolve(DegradationManifest.FILE_NAME));
        DegradeCommand.run(List.of("--in", split.toString(), "--out", out.toString(), "--corruption", "label-noise",
                "--strength", "0.2", "--seed", "1"));
        assertArrayEquals(first, Files.readAllBytes(out.resolve("train.csv")), "same seed, same bytes");
        assertArrayEquals(firstManifest, Files.readAllBytes(out.resolve(DegradationManifest.FILE_NAME)));
    }

    @Test
    void duplicatesGrowTheFileByTheStrength() throws IOException {
        final Path out = dir.resolve("dup");
        final DegradationManifest manifest = DegradeCommand.degrade(split(), out, Corruption.NEAR_DUPLICATES, 0.3, 2, "text", "label",
                null);
        assertEquals(130, manifest.recordsOut());
        assertEquals(130, LabelledTable.read(out.resolve("train.csv")).rows().size());
        assertEquals(30L, manifest.counts().get("nearDuplicatesAdded"));
    }

    @Test
    void badArgumentsGetClearErrors() throws IOException {
        final Path split = split();
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DegradeCommand.run(List.of("--in", split.toString(), "--corruption", "mojibake")));
        assertTrue(missing.getMessage().contains("--out"), missing.getMessage());
        final IllegalArgumentException noTrain = assertThrows(IllegalArgumentException.class,
                () -> DegradeCommand.run(List.of("--in", dir.toString(), "--out", dir.resolve("x").toString(), "--corruption", "mojibake")));
        assertTrue(noTrain.getMessage().contains("train.csv"), noTrain.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DegradeCommand.run(List.of("--bogus", "1")));
    }
}
