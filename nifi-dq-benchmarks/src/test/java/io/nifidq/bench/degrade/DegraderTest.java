package io.nifidq.bench.degrade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DegraderTest {

    private static final Degrader DEGRADER = new Degrader("text", "label", null);

    /** 100 records: 50 ham, 30 spam, 20 eggs; texts with commas, quotes and apostrophes; the label in the second column. */
    static LabelledTable table() {
        final List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            final String label = i % 10 < 5 ? "ham" : i % 10 < 8 ? "spam" : "eggs";
            rows.add(new ArrayList<>(List.of("id" + i, label, "message " + i + ", it's \"number\" " + (i * 7 % 13))));
        }
        return new LabelledTable(LabelledTable.Format.CSV, List.of("id", "label", "text"), rows);
    }

    private static List<String> column(final LabelledTable table, final int column) {
        return table.rows().stream().map(r -> r.get(column)).toList();
    }

    private static List<Integer> changedRows(final LabelledTable before, final LabelledTable after) {
        return IntStream.range(0, before.rows().size()).filter(i -> !before.rows().get(i).equals(after.rows().get(i))).boxed().toList();
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes(final Corruption corruption) {
        final String first = DEGRADER.apply(table(), corruption, 0.2, 1).table().toText();
        assertEquals(first, DEGRADER.apply(table(), corruption, 0.2, 1).table().toText());
        assertNotEquals(first, DEGRADER.apply(table(), corruption, 0.2, 2).table().toText());
        assertNotEquals(table().toText(), first);
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void theInputTableIsLeftAsItWas(final Corruption corruption) {
        final LabelledTable input = table();
        DEGRADER.apply(input, corruption, 0.3, 5);
        assertEquals(table().toText(), input.toText());
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void strengthZeroChangesNothing(final Corruption corruption) {
        assertEquals(table().toText(), DEGRADER.apply(table(), corruption, 0.0, 1).table().toText());
    }

    @Test
    void uniformLabelNoiseFlipsExactlyTheShareAndOnlyLabels() {
        final Degradation result = DEGRADER.apply(table(), Corruption.LABEL_NOISE, 0.2, 7);
        final List<Integer> changed = changedRows(table(), result.table());
        assertEquals(20, changed.size());
        assertEquals(changed, result.rows());
        assertEquals(20L, result.counts().get("labelsFlipped"));
        for (final int row : changed) {
            assertEquals(table().rows().get(row).get(2), result.table().rows().get(row).get(2), "text untouched");
            assertTrue(Set.of("ham", "spam", "eggs").contains(result.table().rows().get(row).get(1)));
        }
        final long perPair = result.counts().entrySet().stream().filter(e -> e.getKey().startsWith("flipped "))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(20, perPair);
    }

    @Test
    void classDependentLabelNoiseMovesEachClassToTheNextInSortedOrder() {
        final Degradation result = DEGRADER.apply(table(), Corruption.LABEL_NOISE_CLASS, 0.3, 3);
        assertEquals(30, result.rows().size());
        final Map<String, String> next = Map.of("eggs", "ham", "ham", "spam", "spam", "eggs");
        for (final int row : result.rows()) {
            assertEquals(next.get(table().rows().get(row).get(1)), result.table().rows().get(row).get(1));
        }
    }

    @Test
    void emptyTextIsHalfMissingHalfBlank() {
        final Degradation result = DEGRADER.apply(table(), Corruption.EMPTY_TEXT, 0.25, 1);
        final List<String> texts = column(result.table(), 2);
        assertEquals(13, texts.stream().filter(String::isEmpty).count());
        assertEquals(12, texts.stream().filter(t -> !t.isEmpty() && t.isBlank()).count());
        assertEquals(Map.of("textsEmptied", 25L, "textsMissing", 13L, "textsBlank", 12L), result.counts());
    }

    @Test
    void exactDuplicatesAddCopiesAtTheReportedRowsAndKeepEveryOriginalInOrder() {
        final Degradation result = DEGRADER.apply(table(), Corruption.EXACT_DUPLICATES, 0.2, 4);
        assertEquals(120, result.table().rows().size());
        assertEquals(20, result.rows().size());
        assertEquals(20L, result.counts().get("exactDuplicatesAdded"));
        final Set<List<String>> originals = new HashSet<>(table().rows());
        final List<List<String>> rest = new ArrayList<>(result.table().rows());
        for (int i = result.rows().size() - 1; i >= 0; i--) {
            assertTrue(originals.contains(rest.remove((int) result.rows().get(i))), "a copy of an original record");
        }
        assertEquals(table().rows(), rest);
    }

    @Test
    void nearDuplicatesAreSmallEditsOfAnOriginalThatEqualNone() {
        final Degradation result = DEGRADER.apply(table(), Corruption.NEAR_DUPLICATES, 0.3, 9);
        assertEquals(130, result.table().rows().size());
        final Set<String> originalTexts = new HashSet<>(column(table(), 2));
        for (final int row : result.rows()) {
            final List<String> copy = result.table().rows().get(row);
            assertFalse(originalTexts.contains(copy.get(2)), copy.get(2));
            final String source = table().rows().stream().filter(r -> r.get(0).equals(copy.get(0))).findFirst().orElseThrow().get(2);
            assertTrue(Math.abs(source.length() - copy.get(2).length()) <= 2, source + " vs " + copy.get(2));
            assertTrue(editDistance(source, copy.get(2)) <= 4, source + " vs " + copy.get(2));
        }
    }

    @Test
    void classImbalanceDropsTheShareOfTheSmallestClassOrOfTheNamedOne() {
        final Degradation smallest = DEGRADER.apply(table(), Corruption.CLASS_IMBALANCE, 0.5, 1);
        assertEquals(10, column(smallest.table(), 1).stream().filter("eggs"::equals).count());
        assertEquals(90, smallest.table().rows().size());
        assertEquals(10L, smallest.counts().get("rowsDropped"));
        assertEquals("input", smallest.rowsRefer());
        smallest.rows().forEach(row -> assertEquals("eggs", table().rows().get(row).get(1)));

        final Degradation named = new Degrader("text", "label", "ham").apply(table(), Corruption.CLASS_IMBALANCE, 0.2, 1);
        assertEquals(40, column(named.table(), 1).stream().filter("ham"::equals).count());
        assertThrows(IllegalArgumentException.class,
                () -> new Degrader("text", "label", "bacon").apply(table(), Corruption.CLASS_IMBALANCE, 0.2, 1));
    }

    @Test
    void mojibakeReadsUtf8BytesAsWindows1252() {
        assertEquals("itâ€™s cafÃ©", TextDamage.mojibake("it’s café"));
        assertEquals("itâ€™s", TextDamage.mojibake("it's"), "an ASCII apostrophe is made typographic first");
        assertEquals("ok â€¦", TextDamage.mojibake("ok"), "pure ASCII without apostrophe gets an ellipsis");
        final Degradation result = DEGRADER.apply(table(), Corruption.MOJIBAKE, 0.2, 1);
        assertEquals(20, changedRows(table(), result.table()).size());
        result.rows().forEach(row -> assertTrue(result.table().rows().get(row).get(2).contains("â€™")));
    }

    @Test
    void controlCharactersAreInsertedAndAreTheOnlyChange() {
        final Degradation result = DEGRADER.apply(table(), Corruption.CONTROL_CHARS, 0.2, 1);
        assertEquals(20, changedRows(table(), result.table()).size());
        final Predicate<Character> control = c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x80 && c <= 0x9F);
        for (final int row : result.rows()) {
            final String text = result.table().rows().get(row).get(2);
            final StringBuilder stripped = new StringBuilder();
            int controls = 0;
            for (final char c : text.toCharArray()) {
                if (control.test(c)) {
                    controls++;
                } else {
                    stripped.append(c);
                }
            }
            assertTrue(controls >= 1 && controls <= 3, text);
            assertEquals(table().rows().get(row).get(2), stripped.toString());
        }
    }

    @Test
    void htmlEntitiesDecodeBackToTheOriginal() {
        assertEquals("a &amp; b &lt;c&gt; &quot;d&quot; it&#39;s", TextDamage.htmlEntities("a & b <c> \"d\" it's"));
        assertEquals("plain&nbsp;text here", TextDamage.htmlEntities("plain text here"));
        assertEquals("酒店很好&nbsp;", TextDamage.htmlEntities("酒店很好"));
        final Degradation result = DEGRADER.apply(table(), Corruption.HTML_ENTITIES, 0.2, 1);
        for (final int row : result.rows()) {
            final String decoded = result.table().rows().get(row).get(2).replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            assertEquals(table().rows().get(row).get(2), decoded);
        }
    }

    @Test
    void labelSpellingsDifferOnlyInCaseAndWhitespace() {
        assertEquals(List.of(" 1", " 1 ", "1 "), Degrader.variants("1"));
        final Degradation result = DEGRADER.apply(table(), Corruption.LABEL_SPELLINGS, 0.2, 1);
        assertEquals(20, changedRows(table(), result.table()).size());
        for (final int row : result.rows()) {
            final String given = table().rows().get(row).get(1);
            final String respelled = result.table().rows().get(row).get(1);
            assertNotEquals(given, respelled);
            assertEquals(given, respelled.strip().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void strengthOutsideZeroToOneAndUnknownNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DEGRADER.apply(table(), Corruption.LABEL_NOISE, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> DEGRADER.apply(table(), Corruption.LABEL_NOISE, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Corruption.byName("typos"));
        assertEquals(Corruption.LABEL_NOISE_CLASS, Corruption.byName("label-noise-class"));
        assertThrows(IllegalArgumentException.class, () -> new Degrader("body", "label", null).apply(table(), Corruption.MOJIBAKE, 0.1, 1));
    }

    private static int editDistance(final String a, final String b) {
        final int[] previous = IntStream.rangeClosed(0, b.length()).toArray();
        for (int i = 1; i <= a.length(); i++) {
            final int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            System.arraycopy(current, 0, previous, 0, current.length);
        }
        return previous[b.length()];
    }
}
