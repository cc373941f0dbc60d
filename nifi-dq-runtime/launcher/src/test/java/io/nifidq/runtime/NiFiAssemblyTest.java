package io.nifidq.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NiFiAssemblyTest {

    @TempDir
    Path temp;

    @Test
    void theFirstPrepareCopiesEveryJarAndNarAndTheSecondReusesThem() throws IOException {
        final Path inputs = inputs(Map.of("nifi-api-2.0.0.jar", "classes", "nifi-framework-nar-2.3.0.nar", "framework"));
        final NiFiAssembly assembly = new NiFiAssembly(temp.resolve("cache"));

        final NiFiAssembly.Prepared first = assembly.prepare(inputs);
        final NiFiAssembly.Prepared second = assembly.prepare(inputs);

        assertFalse(first.reused());
        assertTrue(second.reused());
        assertEquals(first.libDirectory(), second.libDirectory());
        assertEquals(List.of("nifi-api-2.0.0.jar", "nifi-framework-nar-2.3.0.nar"), NiFiAssembly.listInputs(first.libDirectory()).stream()
                .map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void aChangedInputGetsANewAssembly() throws IOException {
        final Path inputs = inputs(Map.of("nifi-api-2.0.0.jar", "classes"));
        final NiFiAssembly assembly = new NiFiAssembly(temp.resolve("cache"));
        final NiFiAssembly.Prepared before = assembly.prepare(inputs);

        zip(inputs.resolve("nifi-api-2.0.0.jar"), Map.of("Api.class", "changed classes"));
        final NiFiAssembly.Prepared after = assembly.prepare(inputs);

        assertFalse(after.reused());
        assertNotEquals(before.libDirectory(), after.libDirectory());
    }

    @Test
    void aNarRebuiltWithOtherGeneratedDocsKeepsItsAssembly() throws IOException {
        final Path lib = Files.createDirectories(temp.resolve("lib"));
        zip(lib.resolve("nifi-standard-nar.nar"), Map.of("META-INF/bundled-dependencies/a.jar", "a", "META-INF/docs/extension-manifest.xml", "<a/><b/>"));
        final String key = NiFiAssembly.inputsKey(NiFiAssembly.listInputs(lib));

        zip(lib.resolve("nifi-standard-nar.nar"), Map.of("META-INF/bundled-dependencies/a.jar", "a", "META-INF/docs/extension-manifest.xml", "<b/><a/>"));

        assertEquals(key, NiFiAssembly.inputsKey(NiFiAssembly.listInputs(lib)));
    }

    @Test
    void onlyTheThreeNewestAssembliesAreKept() throws IOException {
        final Path inputs = inputs(Map.of("nifi-api-2.0.0.jar", "version 0"));
        final NiFiAssembly assembly = new NiFiAssembly(temp.resolve("cache"));
        NiFiAssembly.Prepared latest = assembly.prepare(inputs);
        for (int version = 1; version <= 4; version++) {
            zip(inputs.resolve("nifi-api-2.0.0.jar"), Map.of("content.txt", "version " + version));
            latest = assembly.prepare(inputs);
        }

        try (var assemblies = Files.list(temp.resolve("cache"))) {
            final List<Path> kept = assemblies.toList();
            assertEquals(3, kept.size(), kept.toString());
            assertTrue(kept.contains(latest.libDirectory().getParent()));
        }
    }

    @Test
    void anEmptyInputFolderIsRefusedWithTheBuildCommand() {
        final IOException e = assertThrows(IOException.class, () -> new NiFiAssembly(temp.resolve("cache")).prepare(temp.resolve("missing")));
        assertTrue(e.getMessage().contains("./mvnw -f nifi-dq-runtime package"), e.getMessage());
    }

    private Path inputs(final Map<String, String> files) throws IOException {
        final Path lib = Files.createDirectories(temp.resolve("inputs"));
        for (final Map.Entry<String, String> file : files.entrySet()) {
            zip(lib.resolve(file.getKey()), Map.of("content.txt", file.getValue()));
        }
        return lib;
    }

    private static void zip(final Path file, final Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (final Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
