package io.nifidq.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerTest {

    @Test
    void englishWordsAreLowerCasedAndPunctuationSeparates() {
        assertEquals(List.of("sorry", "i'll", "call", "later", "2"), Tokenizer.tokens("Sorry, I'll call LATER!! 2"));
    }

    @Test
    void everyChineseCharacterIsATokenAndLatinRunsStayWhole() {
        assertEquals(List.of("房", "间", "很", "好", "wifi", "ok"), Tokenizer.tokens("房间很好，WiFi ok"));
    }

    @Test
    void apostropheAtTheEdgeOfAWordIsNotPartOfIt() {
        assertEquals(List.of("rock", "n", "roll"), Tokenizer.tokens("'rock 'n' roll'"));
    }

    @Test
    void countTokensAgreesWithTokens() {
        for (final String text : List.of("", "   ", "Sorry, I'll call later", "房间很好，WiFi ok", "a-b c'd' 'e", "x\u2019s ok")) {
            assertEquals(Tokenizer.tokens(text).size(), Tokenizer.countTokens(text), text);
        }
    }

    @Test
    void scriptsClassifyLatinAndCjk() {
        assertTrue(Scripts.isLatinLetter('é'));
        assertTrue(Scripts.isLatinLetter('Z'));
        assertFalse(Scripts.isLatinLetter('7'));
        assertTrue(Scripts.isCjk('酒'));
        assertFalse(Scripts.isCjk('A'));
    }
}
