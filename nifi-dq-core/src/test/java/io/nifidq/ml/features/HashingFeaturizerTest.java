package io.nifidq.ml.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashingFeaturizerTest {

    private static final FeaturizerSettings WORDS_AND_BIGRAMS = FeaturizerSettings.builder().optBuckets(1 << 16).optCharNgrams(0, 0)
            .build();

    @Test
    void englishTextGivesItsWordsThenTheirBigramsInOrder() {
        final HashingFeaturizer f = new HashingFeaturizer(WORDS_AND_BIGRAMS);
        final int[] ids = f.featurize("Free entry, WIN now");
        assertArrayEquals(new int[]{
                f.bucket('w', "free"),
                f.bucket('w', "entry"), f.bucket('n', "free entry"),
                f.bucket('w', "win"), f.bucket('n', "entry win"),
                f.bucket('w', "now"), f.bucket('n', "win now")}, ids);
    }

    @Test
    void everyChineseCharacterIsATokenAndNeighboursFormBigrams() {
        final HashingFeaturizer f = new HashingFeaturizer(WORDS_AND_BIGRAMS);
        final int[] ids = f.featurize("酒店很好");
        assertArrayEquals(new int[]{
                f.bucket('w', "酒"),
                f.bucket('w', "店"), f.bucket('n', "酒 店"),
                f.bucket('w', "很"), f.bucket('n', "店 很"),
                f.bucket('w', "好"), f.bucket('n', "很 好")}, ids);
    }

    @Test
    void characterNgramsAreTakenInsideMarkedLatinWordsOnly() {
        final HashingFeaturizer f = new HashingFeaturizer(FeaturizerSettings.builder().optBuckets(1 << 16).optWordNgramMax(1)
                .optCharNgrams(3, 3).build());
        assertArrayEquals(new int[]{f.bucket('w', "cat"), f.bucket('c', "<ca"), f.bucket('c', "cat"), f.bucket('c', "at>")},
                f.featurize("cat"));
        assertArrayEquals(new int[]{f.bucket('w', "好"), f.bucket('w', "的")}, f.featurize("好的"),
                "CJK characters get no character n-grams of their own");
    }

    @Test
    void idsStayInOneToBucketsAndZeroIsLeftForPadding() {
        final FeaturizerSettings small = FeaturizerSettings.builder().optBuckets(16).optCharNgrams(2, 4).optMaxIds(10_000).build();
        final HashingFeaturizer f = new HashingFeaturizer(small);
        final int[] ids = f.featurize("the quick brown fox jumps over the lazy dog 敏捷的棕色狐狸");
        assertTrue(ids.length > 50);
        assertTrue(IntStream.of(ids).allMatch(id -> id >= 1 && id <= 16), Arrays.toString(ids));
    }

    @Test
    void theSameTextAlwaysGivesTheSameIdsAndOtherTextsOthers() {
        final HashingFeaturizer f = new HashingFeaturizer(FeaturizerSettings.defaults());
        assertArrayEquals(f.featurize("Call me later"), new HashingFeaturizer(FeaturizerSettings.defaults()).featurize("call ME later!"));
        assertNotEquals(Arrays.toString(f.featurize("call me later")), Arrays.toString(f.featurize("later call me")));
    }

    @Test
    void longTextsAreCutAtMaxIds() {
        final HashingFeaturizer f = new HashingFeaturizer(FeaturizerSettings.builder().optBuckets(1 << 16).optCharNgrams(0, 0)
                .optMaxIds(5).build());
        assertEquals(5, f.featurize("one two three four five six seven").length);
    }

    @Test
    void textsWithoutTokensGiveNoIds() {
        final HashingFeaturizer f = new HashingFeaturizer(FeaturizerSettings.defaults());
        assertEquals(0, f.featurize("").length);
        assertEquals(0, f.featurize(null).length);
        assertEquals(0, f.featurize("  !!! ... ?").length);
    }

    @Test
    void settingsRoundTripThroughJsonAndRejectNonsense() throws Exception {
        final ObjectMapper json = new ObjectMapper();
        final FeaturizerSettings settings = FeaturizerSettings.builder().optBuckets(1 << 20).build();
        assertEquals(settings, json.readValue(json.writeValueAsString(settings), FeaturizerSettings.class));
        assertThrows(IllegalArgumentException.class, () -> FeaturizerSettings.builder().optBuckets(8).build());
        assertThrows(IllegalArgumentException.class, () -> FeaturizerSettings.builder().optWordNgramMax(4).build());
        assertThrows(IllegalArgumentException.class, () -> FeaturizerSettings.builder().optCharNgrams(4, 3).build());
        assertThrows(IllegalArgumentException.class, () -> FeaturizerSettings.builder().optMaxIds(0).build());
    }

    /** The featurizer hashes without building feature strings; its ids must equal those of the strings, or saved models break. */
    @org.junit.jupiter.api.Test
    void idsEqualTheHashesOfTheFeatureStrings() {
        final FeaturizerSettings settings = FeaturizerSettings.builder().optBuckets(1 << 20).optWordNgramMax(3).optCharNgrams(2, 4)
                .build();
        final HashingFeaturizer featurizer = new HashingFeaturizer(settings);
        for (final String text : java.util.List.of("Free entry in 2 a wkly comp to win FA Cup final tkts 21st May",
                "Café au lait, naïve résumé £100 won't", "这家酒店的服务很好 value for money", "emoji 😀 face 👍🏽 ok", "lone \ud800 surrogate x")) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(reference(featurizer, settings, text), featurizer.featurize(text), text);
        }
    }

    /** The featurizer's rule written with strings: word, word n-grams joined by spaces, char n-grams of the marked word. */
    private static int[] reference(final HashingFeaturizer featurizer, final FeaturizerSettings settings, final String text) {
        final java.util.List<String> words = io.nifidq.text.Tokenizer.tokens(text);
        final java.util.List<Integer> ids = new java.util.ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            final String word = words.get(i);
            ids.add(featurizer.bucket('w', word));
            for (int order = 2; order <= settings.wordNgramMax() && i - order + 1 >= 0; order++) {
                ids.add(featurizer.bucket('n', String.join(" ", words.subList(i - order + 1, i + 1))));
            }
            if (word.codePointCount(0, word.length()) > 1 && !io.nifidq.text.Scripts.isCjk(word.codePointAt(0))) {
                final int[] cps = ("<" + word + ">").codePoints().toArray();
                for (int len = settings.charNgramMin(); len <= settings.charNgramMax(); len++) {
                    for (int j = 0; j + len <= cps.length; j++) {
                        if (len != cps.length) {
                            ids.add(featurizer.bucket('c', new String(cps, j, len)));
                        }
                    }
                }
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
