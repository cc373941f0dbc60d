package io.nifidq.augment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynonymsAndLanguageTest {

    @Test
    void wordNetGivesTheLemmasOfEverySynsetInSenseOrder() {
        assertEquals(List.of("felicitous", "glad", "well-chosen"), WordNetSynonyms.shared().synonyms("happy"));
        assertTrue(WordNetSynonyms.shared().synonyms("Quick").contains("speedy"));
        assertEquals(List.of(), WordNetSynonyms.shared().synonyms("qwxzv"));
    }

    @Test
    void theBundledCilinGivesChineseSynonymGroupsOnly() {
        final List<String> clean = ChineseSynonyms.shared().synonyms("干净");
        assertTrue(clean.contains("洁净") && clean.contains("整洁"), clean.toString());
        assertTrue(ChineseSynonyms.shared().synonyms("酒店").contains("宾馆") || ChineseSynonyms.shared().synonyms("酒店").contains("酒家"));
        assertTrue(ChineseSynonyms.shared().size() > 40_000);
    }

    @Test
    void aUserFileGroupsWordsPerRowIgnoringCaseForLatinWords() throws IOException {
        final UserSynonyms user = UserSynonyms.read(new StringReader("""
                # comment
                happy,glad,cheerful
                glad,pleased
                高兴,开心
                """));
        assertEquals(List.of("happy", "cheerful", "pleased"), user.synonyms("Glad"));
        assertEquals(List.of("开心"), user.synonyms("高兴"));
        assertEquals(List.of(), user.synonyms("sad"));
        assertEquals(6, user.size());
    }

    @Test
    void combinedSourcesPutTheFirstSourcesWordsFirst() throws IOException {
        final UserSynonyms user = UserSynonyms.read(new StringReader("happy,joyful\n"));
        assertEquals(List.of("joyful", "felicitous", "glad", "well-chosen"),
                SynonymSource.combined(user, WordNetSynonyms.shared()).synonyms("happy"));
    }

    @Test
    void languageIsDetectedFromTheLettersScripts() {
        assertEquals(Language.ENGLISH, Language.detect("The room was clean."));
        assertEquals(Language.CHINESE, Language.detect("房间很干净 (clean room)"));
        assertEquals(Language.UNKNOWN, Language.detect("Комната была чистой"));
        assertEquals(Language.UNKNOWN, Language.detect("12345 !!!"));
    }

    @Test
    void splittersGiveTheTextBackAndKeepNumbersAndPunctuationApart() {
        final String english = "It's 10:30, the well-known café opens... at 3.5%!";
        assertEquals(english, Augmenter.join(LatinSplitter.INSTANCE.split(english)));
        assertEquals(List.of("It's", "the", "well-known", "café", "opens", "at"),
                LatinSplitter.INSTANCE.split(english).stream().filter(Token::isWord).map(Token::text).toList());
        final String chinese = "这家酒店 很好，住了 3 晚，价格200元。";
        assertEquals(chinese, Augmenter.join(ChineseSplitter.shared().split(chinese)));
        assertFalse(ChineseSplitter.shared().split(chinese).stream().anyMatch(t -> t.isWord() && t.text().contains("3")));
    }

    @Test
    void dictionaryMatchingSegmentsOnlyTheChineseRuns() {
        final String text = "这家酒店 很好，住了 3 晚，价格200元。iPhone好用";
        final List<Token> tokens = ChineseSplitter.shared(ChineseSplitter.Method.MAXIMUM_MATCHING).split(text);
        assertEquals(text, Augmenter.join(tokens));
        assertEquals(List.of("这家", "酒店", "很", "好", "住", "了", "晚", "价格", "元", "iPhone", "好", "用"),
                tokens.stream().filter(Token::isWord).map(Token::text).toList());
        assertEquals(List.of("3", "200"), tokens.stream().filter(t -> t.kind() == Token.Kind.NUMBER).map(Token::text).toList());
    }

    @Test
    void stopwordListsCoverBothLanguages() {
        assertTrue(Stopwords.isStopword(Language.ENGLISH, "The"));
        assertTrue(Stopwords.isStopword(Language.ENGLISH, "don\u2019t"));
        assertTrue(Stopwords.isStopword(Language.CHINESE, "的"));
        assertFalse(Stopwords.isStopword(Language.CHINESE, "酒店"));
        assertFalse(Stopwords.isStopword(Language.UNKNOWN, "the"));
    }
}
