package io.nifidq.ml.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TrainingDataHashTest {

    @Test
    void theSameRecordsGiveTheSameHashAndAnyChangeAnother() {
        final String hash = TrainingDataHash.of(List.of("hello", "win now"), List.of("ham", "spam"));
        assertEquals(64, hash.length());
        assertEquals(hash, TrainingDataHash.of(List.of("hello", "win now"), List.of("ham", "spam")));
        assertNotEquals(hash, TrainingDataHash.of(List.of("win now", "hello"), List.of("spam", "ham")), "order matters");
        assertNotEquals(hash, TrainingDataHash.of(List.of("hello", "win now"), List.of("ham", "ham")));
    }

    @Test
    void boundariesBetweenFieldsCount() {
        assertNotEquals(TrainingDataHash.of(List.of("ab"), List.of("c")), TrainingDataHash.of(List.of("a"), List.of("bc")));
    }

    @Test
    void theKnownDigestOfOnePair() {
        // sha256 of 00000001 'a' 00000001 'b', computed with `printf '\x00\x00\x00\x01a\x00\x00\x00\x01b' | sha256sum`.
        assertEquals(KNOWN, TrainingDataHash.of(List.of("a"), List.of("b")));
    }

    private static final String KNOWN = "16275ef0f5d0eb9dd9e0a53277549fda5c886358a6872df23c797b13e11455bc";
}
