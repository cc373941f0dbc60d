package io.nifidq.augment;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dictionaries load the way they must inside NiFi: from a class loader of their own (like the NAR's), while the
 * thread's context class loader sees none of their jars (as a NiFi framework thread's may not).
 */
class IsolatedClassLoaderTest {

    private static URL locationOf(final Class<?> type) throws Exception {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static URL jarOfResource(final String resource) throws Exception {
        final String url = IsolatedClassLoaderTest.class.getClassLoader().getResource(resource).toString();
        // jar:file:/.../x.jar!/resource
        return java.net.URI.create(url.substring("jar:".length(), url.indexOf("!/"))).toURL();
    }

    @Test
    void wordNetAndHanLpLoadFromTheirOwnClassLoaderWhateverTheContextClassLoader() throws Exception {
        final List<URL> urls = new ArrayList<>(List.of(
                locationOf(Augmenter.class),                                   // nifi-dq-processors classes
                locationOf(io.nifidq.text.Scripts.class),                     // nifi-dq-services
                locationOf(net.sf.extjwnl.dictionary.Dictionary.class),
                jarOfResource("net/sf/extjwnl/data/wordnet/wn31/res_properties.xml"),
                locationOf(com.googlecode.concurrentlinkedhashmap.ConcurrentLinkedHashMap.class),
                locationOf(org.slf4j.LoggerFactory.class),
                locationOf(com.hankcs.hanlp.HanLP.class),
                locationOf(com.opencsv.CSVReader.class)));
        assertTrue(urls.stream().allMatch(url -> Path.of(url.getPath()).toFile().exists()), urls.toString());
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader nar = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
             URLClassLoader framework = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(framework);
            final Class<?> wordNet = Class.forName(WordNetSynonyms.class.getName(), true, nar);
            assertTrue(wordNet.getClassLoader() == nar, "loaded from the isolated loader");
            final Object english = wordNet.getMethod("shared").invoke(null);
            assertEquals(List.of("felicitous", "glad", "well-chosen"), wordNet.getMethod("synonyms", String.class).invoke(english, "happy"));

            final Class<?> splitter = Class.forName(ChineseSplitter.class.getName(), true, nar);
            final Object chinese = splitter.getMethod("shared").invoke(null);
            final List<?> tokens = (List<?>) splitter.getMethod("split", String.class).invoke(chinese, "房间很干净");
            assertEquals("[Token[text=房间, kind=WORD], Token[text=很, kind=WORD], Token[text=干净, kind=WORD]]", tokens.toString());

            final Class<?> cilin = Class.forName(ChineseSynonyms.class.getName(), true, nar);
            final Object synonyms = cilin.getMethod("shared").invoke(null);
            assertTrue(((List<?>) cilin.getMethod("synonyms", String.class).invoke(synonyms, "干净")).contains("洁净"));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
