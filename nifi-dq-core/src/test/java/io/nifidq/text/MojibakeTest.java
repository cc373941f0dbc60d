package io.nifidq.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MojibakeTest {

    @Test
    void utf8ReadAsLatin1OrCp1252IsRepairedSequenceBySequence() {
        assertEquals("café crème", Mojibake.repairUtf8ReadAsLatin1("cafÃ© crÃ¨me"));
        assertEquals("don’t", Mojibake.repairUtf8ReadAsLatin1("donâ€™t"));
        assertEquals("£5 and café", Mojibake.repairUtf8ReadAsLatin1("£5 and cafÃ©"));
        assertEquals("酒店", Mojibake.repairUtf8ReadAsLatin1("é…’åº—"));
    }

    @Test
    void correctTextIsLeftAlone() {
        for (final String text : new String[] {"Café crème à la française", "Señor Müller’s “quotes”", "£250", "Ã alone", ""}) {
            assertEquals(text, Mojibake.repairUtf8ReadAsLatin1(text));
            assertFalse(Mojibake.containsUtf8ReadAsLatin1(text), text);
        }
        assertTrue(Mojibake.containsUtf8ReadAsLatin1("cafÃ©"));
    }

    @Test
    void c1ControlsBecomeTheCp1252PunctuationTheyStoodFor() {
        assertEquals("it’s “fine” – really…", Mojibake.repairC1Controls("it\u0092s \u0093fine\u0094 \u0096 really\u0085"));
        assertEquals("undefined \u0081 stays", Mojibake.repairC1Controls("undefined \u0081 stays"));
        assertTrue(Mojibake.containsC1Control("a\u0092b"));
        assertFalse(Mojibake.containsC1Control("a’b"));
    }
}
