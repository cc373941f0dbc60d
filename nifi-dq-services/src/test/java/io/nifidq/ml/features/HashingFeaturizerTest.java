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

    private static final FeaturizerSettings WORDS_AND_BIGRAMS = new FeaturizerSettings(1 << 16, 2, 0, 0, 1000);

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
        final HashingFeaturizer f = new HashingFeaturizer(new FeaturizerSettings(1 << 16, 1, 3, 3, 1000));
        assertArrayEquals(new int[]{f.bucket('w', "cat"), f.bucket('c', "<ca"), f.bucket('c', "cat"), f.bucket('c', "at>")},
                f.featurize("cat"));
        assertArrayEquals(new int[]{f.bucket('w', "好"), f.bucket('w', "的")}, f.featurize("好的"),
                "CJK characters get no character n-grams of their own");
    }

    @Test
    void idsStayInOneToBucketsAndZeroIsLeftForPadding() {
        final FeaturizerSettings small = new FeaturizerSettings(16, 2, 2, 4, 10_000);
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
        final HashingFeaturizer f = new HashingFeaturizer(new FeaturizerSettings(1 << 16, 2, 0, 0, 5));
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
        final FeaturizerSettings settings = FeaturizerSettings.defaults().withBuckets(1 << 20);
        assertEquals(settings, json.readValue(json.writeValueAsString(settings), FeaturizerSettings.class));
        assertThrows(IllegalArgumentException.class, () -> new FeaturizerSettings(8, 2, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new FeaturizerSettings(1 << 10, 4, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new FeaturizerSettings(1 << 10, 2, 4, 3, 10));
    }
}
