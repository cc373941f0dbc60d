package io.nifidq.processors.clean;

import io.nifidq.processors.clean.CleanChoices.ActionChoice;
import io.nifidq.processors.clean.CleanChoices.LabelConflictsChoice;
import io.nifidq.processors.clean.CleanChoices.MissingValuesChoice;
import io.nifidq.processors.clean.CleanChoices.OutlierMethodChoice;
import io.nifidq.processors.clean.CleanChoices.StandardizationChoice;
import io.nifidq.processors.common.JunkContent;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.common.TrackingWriterFactory;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.nifidq.processors.clean.CleanRuns.clean;
import static io.nifidq.processors.clean.CleanRuns.cleaned;
import static io.nifidq.processors.clean.CleanRuns.rejectedContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CleanRecordsTest {

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestReaders.csvRunner(CleanRecords.class);
    }

    @Test
    void cleanedRecordsReplaceTheContentAndEachRejectCarriesItsReason() {
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        clean(runner, """
                text,label
                Win a prize &amp; more,SPAM
                "  see you   at six ",ham
                see you at six,ham
                ,ham
                """);
        cleaned(runner).assertContentEquals("""
                text,label
                Win a prize & more,spam
                see you at six,ham
                """);
        assertEquals("""
                text,label,dq_reject_reason
                see you at six,ham,duplicates: exact duplicate of an earlier record
                ,ham,text: the text is empty
                """, rejectedContent(runner));
        cleaned(runner).assertAttributeEquals("dq.clean.html.entities.decoded", "1");
        cleaned(runner).assertAttributeEquals("dq.clean.whitespace.normalized", "1");
        cleaned(runner).assertAttributeEquals("dq.clean.labels.canonicalized", "1");
        cleaned(runner).assertAttributeEquals("dq.clean.duplicates.exact", "1");
        cleaned(runner).assertAttributeEquals("dq.clean.texts.too.short", "1");
        assertEquals(2, runner.getCounterValue("Records Cleaned"));
        assertEquals(2, runner.getCounterValue("Records Rejected"));
    }

    @Test
    void provenanceRecordsTheRewriteAndTheRejectedChild() {
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        clean(runner, "text\nhello\n\n");
        final List<ProvenanceEventType> events = runner.getProvenanceEvents().stream().map(e -> e.getEventType()).toList();
        assertTrue(events.contains(ProvenanceEventType.CONTENT_MODIFIED), events.toString());
        assertTrue(events.contains(ProvenanceEventType.FORK), events.toString());
    }

    @Test
    void nullTokensBecomeRealNulls() {
        clean(runner, "a,b\nN/A,x\n?,null\n");
        cleaned(runner).assertContentEquals("a,b\n,x\n,\n");
        cleaned(runner).assertAttributeEquals("dq.clean.nulls.tokens.replaced", "3");
    }

    @Test
    void textRepairsFixEncodingMarkupUnicodeControlsAndWhitespace() {
        clean(runner, """
                text
                caf\u00c3\u00a9 au lait
                it\u0092s fine
                <b>bold</b>&nbsp;move
                \uff21\uff22\uff23\uff11\uff12\uff13
                bell\u0007 ring
                """);
        cleaned(runner).assertContentEquals("""
                text
                café au lait
                it’s fine
                bold move
                ABC123
                bell ring
                """);
        cleaned(runner).assertAttributeEquals("dq.clean.mojibake.repaired", "2");
        cleaned(runner).assertAttributeEquals("dq.clean.html.entities.decoded", "1");
        cleaned(runner).assertAttributeEquals("dq.clean.html.tags.stripped", "1");
        cleaned(runner).assertAttributeEquals("dq.clean.unicode.normalized", "2");
        cleaned(runner).assertAttributeEquals("dq.clean.control.characters.removed", "1");
    }

    @Test
    void lowerCasingIsOnlyDoneWhenAskedFor() {
        runner.setProperty(CleanProperties.LOWER_CASE, "true");
        runner.setProperty(CleanProperties.NORMALIZED_FIELDS, "a");
        clean(runner, "a,b\nHello,World\n");
        cleaned(runner).assertContentEquals("a,b\nhello,World\n");
    }

    @Test
    void labelsAreCanonicalisedMappedAndCheckedAgainstTheAllowedSet() {
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        runner.setProperty(CleanProperties.LABEL_MAPPING, "junk=spam, OK=ham");
        runner.setProperty(CleanProperties.ALLOWED_LABELS, "spam,ham");
        clean(runner, "text,label\none, Spam\ntwo,JUNK\nthree,ok\nfour,eggs\nfive,\n");
        cleaned(runner).assertContentEquals("text,label\none,spam\ntwo,spam\nthree,ham\n");
        assertEquals("text,label,dq_reject_reason\nfour,eggs,labels: unknown label 'eggs'\nfive,,labels: the label is missing\n",
                rejectedContent(runner));
    }

    @Test
    void allowedLabelsGiveTheSpellingThatIsWrittenWhateverTheCaseOfTheInputOrTheMapping() {
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        runner.setProperty(CleanProperties.LABEL_MAPPING, "junk=SPAM");
        runner.setProperty(CleanProperties.ALLOWED_LABELS, "Spam, Ham");
        clean(runner, "text,label\none, spam\ntwo,JUNK\nthree,HAM\nfour,Ham\nfive,EGGS\n");
        cleaned(runner).assertContentEquals("text,label\none,Spam\ntwo,Spam\nthree,Ham\nfour,Ham\n");
        cleaned(runner).assertAttributeEquals("dq.clean.labels.canonicalized", "3");
        assertEquals("text,label,dq_reject_reason\nfive,EGGS,labels: unknown label 'EGGS'\n", rejectedContent(runner));
    }

    @Test
    void withoutAllowedLabelsAMappedLabelIsCaseFoldedLikeEveryOtherSoOneClassHasOneSpelling() {
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        runner.setProperty(CleanProperties.LABEL_MAPPING, "junk=Spam");
        clean(runner, "text,label\none,spam\ntwo,Junk\n");
        cleaned(runner).assertContentEquals("text,label\none,spam\ntwo,spam\n");
    }

    @Test
    void caseSensitiveLabelsKeepTheirCaseAndMustMatchTheAllowedSpellingExactly() {
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        runner.setProperty(CleanProperties.CASE_INSENSITIVE_LABELS, "false");
        runner.setProperty(CleanProperties.ALLOWED_LABELS, "Spam");
        clean(runner, "text,label\none, Spam \ntwo,spam\n");
        cleaned(runner).assertContentEquals("text,label\none,Spam\n");
        assertEquals("text,label,dq_reject_reason\ntwo,spam,labels: unknown label 'spam'\n", rejectedContent(runner));
    }

    @Test
    void aLabelMappingFileIsReadWithOpenCsv(@TempDir final Path dir) throws Exception {
        final Path mapping = dir.resolve("labels.csv");
        Files.writeString(mapping, "junk,spam\n\"not spam\",ham\n");
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        runner.setProperty(CleanProperties.LABEL_MAPPING_FILE, mapping.toString());
        clean(runner, "text,label\na,Junk\nb,not spam\n");
        cleaned(runner).assertContentEquals("text,label\na,spam\nb,ham\n");
    }

    @Test
    void aMissingOrMalformedLabelMappingFileMakesTheProcessorInvalid(@TempDir final Path dir) throws Exception {
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        runner.setProperty(CleanProperties.LABEL_MAPPING_FILE, dir.resolve("absent.csv").toString());
        runner.assertNotValid();
        final Path malformed = dir.resolve("malformed.csv");
        Files.writeString(malformed, "junk,spam,extra\n");
        runner.setProperty(CleanProperties.LABEL_MAPPING_FILE, malformed.toString());
        runner.assertNotValid();
    }

    @Test
    void identicalTextsWithConflictingLabelsTakeTheMajorityOrAreRejectedWithoutOne() {
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        runner.setProperty(CleanProperties.REMOVE_EXACT_DUPLICATES, "false");
        clean(runner, "text,label\nwin cash,spam\nwin cash,ham\nwin cash,spam\ntie,a\ntie,b\n");
        cleaned(runner).assertContentEquals("text,label\nwin cash,spam\nwin cash,spam\nwin cash,spam\n");
        cleaned(runner).assertAttributeEquals("dq.clean.conflicts.relabelled", "1");
        assertEquals("text,label,dq_reject_reason\n"
                + "tie,a,labels: identical texts carry different labels and none has a majority\n"
                + "tie,b,labels: identical texts carry different labels and none has a majority\n", rejectedContent(runner));
    }

    @Test
    void conflictsCanBeRejectedOutright() {
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        runner.setProperty(CleanProperties.LABEL_CONFLICTS, LabelConflictsChoice.REJECT);
        clean(runner, "text,label\nwin cash,spam\nwin cash,ham\nhello,ham\n");
        cleaned(runner).assertContentEquals("text,label\nhello,ham\n");
        cleaned(runner).assertAttributeEquals("dq.clean.conflicts.rejected", "2");
    }

    @Test
    void declaredTypesCoerceValuesAndUncoercibleOnesBecomeNullOrRejectTheRecord() {
        runner.setProperty("age", "INTEGER");
        runner.setProperty("member", "boolean");
        clean(runner, "name,age,member\nann,42,yes\nbob,4x,no\n");
        cleaned(runner).assertContentEquals("name,age,member\nann,42,true\nbob,,false\n");
        cleaned(runner).assertAttributeEquals("dq.clean.values.uncoercible", "1");

        runner.clearTransferState();
        runner.setProperty(CleanProperties.UNCOERCIBLE_VALUES, ActionChoice.REJECT);
        clean(runner, "name,age,member\nann,42,yes\nbob,4x,no\n");
        cleaned(runner).assertContentEquals("name,age,member\nann,42,true\n");
        assertEquals("name,age,member,dq_reject_reason\nbob,4x,no,coercion: field 'age' value '4x' is not INTEGER\n", rejectedContent(runner));
    }

    @Test
    void anUnknownDeclaredTypeIsInvalid() {
        runner.setProperty("age", "NUMBER");
        runner.assertNotValid();
    }

    @Test
    void textsOutsideTheLengthBoundsAreRejectedOrTruncated() {
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        runner.setProperty(CleanProperties.MIN_TEXT_LENGTH, "3");
        runner.setProperty(CleanProperties.MAX_TEXT_LENGTH, "5");
        clean(runner, "text\nok\nfine\ntoo long\n");
        cleaned(runner).assertContentEquals("text\nfine\n");
        assertEquals("text,dq_reject_reason\nok,text: shorter than 3 characters\ntoo long,text: longer than 5 characters\n", rejectedContent(runner));

        runner.clearTransferState();
        runner.setProperty(CleanProperties.LONG_TEXTS, ActionChoice.REPAIR);
        clean(runner, "text\nfine\ntoo long\n");
        cleaned(runner).assertContentEquals("text\nfine\ntoo l\n");
        cleaned(runner).assertAttributeEquals("dq.clean.texts.truncated", "1");
    }

    @Test
    void missingValuesCanBeDropped() {
        runner.setProperty(CleanProperties.MISSING_VALUES, MissingValuesChoice.DROP_RECORD);
        runner.setProperty(CleanProperties.MISSING_VALUE_FIELDS, "b");
        clean(runner, "a,b\n1,x\n,y\n3,\n");
        cleaned(runner).assertContentEquals("a,b\n1,x\n,y\n");
        assertEquals("a,b,dq_reject_reason\n3,,missing: field 'b' is missing\n", rejectedContent(runner));
    }

    @Test
    void missingValuesCanBeFilledWithAConstant() {
        runner.setProperty(CleanProperties.MISSING_VALUES, MissingValuesChoice.FILL_CONSTANT);
        runner.setProperty(CleanProperties.FILL_VALUE, "unknown");
        clean(runner, "a,b\n1,\n,N/A\n");
        cleaned(runner).assertContentEquals("a,b\n1,unknown\nunknown,unknown\n");
        cleaned(runner).assertAttributeEquals("dq.clean.missing.filled", "3");
    }

    @Test
    void missingNumbersCanBeImputedWithTheMeanMedianOrMode() {
        runner.setProperty(CleanProperties.MISSING_VALUES, MissingValuesChoice.MEAN);
        clean(runner, "n,c\n1,x\n2,x\n9,y\n,\n");
        cleaned(runner).assertContentEquals("n,c\n1,x\n2,x\n9,y\n4.0,\n");

        runner.clearTransferState();
        runner.setProperty(CleanProperties.MISSING_VALUES, MissingValuesChoice.MEDIAN);
        clean(runner, "n,c\n1,x\n2,x\n9,y\n,\n");
        cleaned(runner).assertContentEquals("n,c\n1,x\n2,x\n9,y\n2.0,\n");

        runner.clearTransferState();
        runner.setProperty(CleanProperties.MISSING_VALUES, MissingValuesChoice.MODE);
        // The filled record equals the first one: keep it to see the fill.
        runner.setProperty(CleanProperties.REMOVE_EXACT_DUPLICATES, "false");
        clean(runner, "n,c\n1,x\n2,x\n9,y\n,\n");
        cleaned(runner).assertContentEquals("n,c\n1,x\n2,x\n9,y\n1,x\n");
    }

    @Test
    void outliersAreClippedToTukeysFencesOrRejected() {
        runner.setProperty(CleanProperties.OUTLIER_METHOD, OutlierMethodChoice.IQR);
        final String numbers = "n\n1\n2\n3\n4\n5\n6\n7\n8\n9\n100\n";
        clean(runner, numbers);
        cleaned(runner).assertContentEquals("n\n1\n2\n3\n4\n5\n6\n7\n8\n9\n15.5\n");
        cleaned(runner).assertAttributeEquals("dq.clean.outliers.clipped", "1");

        runner.clearTransferState();
        runner.setProperty(CleanProperties.OUTLIER_ACTION, ActionChoice.REJECT);
        clean(runner, numbers);
        assertEquals("n,dq_reject_reason\n100,outliers: field 'n' value 100 is outside -4.5 to 15.5 (IQR x 1.5)\n", rejectedContent(runner));
    }

    @Test
    void zScoreOutliersUseTheThreshold() {
        runner.setProperty(CleanProperties.OUTLIER_METHOD, OutlierMethodChoice.Z_SCORE);
        runner.setProperty(CleanProperties.OUTLIER_THRESHOLD, "2");
        runner.setProperty(CleanProperties.OUTLIER_ACTION, ActionChoice.REJECT);
        clean(runner, "n\n1\n2\n3\n4\n5\n6\n7\n8\n9\n100\n");
        // mean 14.5, sample sd 30.152391: the fences are 14.5 -/+ 2 sd
        assertEquals("n,dq_reject_reason\n100,outliers: field 'n' value 100 is outside -45.804781 to 74.804781 (z-score 2)\n",
                rejectedContent(runner));
    }

    @Test
    void standardisationWritesItsParametersAndALaterFlowFileReusesThem() {
        runner.setProperty(CleanProperties.STANDARDIZATION, StandardizationChoice.MIN_MAX);
        clean(runner, "n,s\n10,a\n20,b\n30,c\n");
        cleaned(runner).assertContentEquals("n,s\n0.0,a\n0.5,b\n1.0,c\n");
        cleaned(runner).assertAttributeEquals("dq.clean.standardize.n.min", "10.0");
        cleaned(runner).assertAttributeEquals("dq.clean.standardize.n.max", "30.0");

        runner.clearTransferState();
        clean(runner, "n,s\n40,d\n", Map.of("dq.clean.standardize.n.min", "10.0", "dq.clean.standardize.n.max", "30.0"));
        cleaned(runner).assertContentEquals("n,s\n1.5,d\n");
    }

    @Test
    void zScoreStandardisation() {
        runner.setProperty(CleanProperties.STANDARDIZATION, StandardizationChoice.Z_SCORE);
        clean(runner, "n\n1\n2\n3\n");
        cleaned(runner).assertContentEquals("n\n-1.0\n0.0\n1.0\n");
        cleaned(runner).assertAttributeEquals("dq.clean.standardize.n.mean", "2.0");
        cleaned(runner).assertAttributeEquals("dq.clean.standardize.n.sd", "1.0");
    }

    @Test
    void exactDuplicatesByKeyFieldsKeepTheFirst() {
        runner.setProperty(CleanProperties.DUPLICATE_KEY_FIELDS, "id");
        clean(runner, "id,v\n1,a\n2,b\n1,c\n");
        cleaned(runner).assertContentEquals("id,v\n1,a\n2,b\n");
        assertEquals("id,v,dq_reject_reason\n1,c,duplicates: exact duplicate of an earlier record by [id]\n", rejectedContent(runner));
    }

    @Test
    void nearDuplicateTextsCanBeRemoved() {
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        runner.setProperty(CleanProperties.REMOVE_NEAR_DUPLICATES, "true");
        clean(runner, """
                text
                Congratulations! You have won a free cruise to the Bahamas call now
                Congratulations! You have won a FREE cruise to the Bahamas call now!!
                See you at the station at six
                """);
        cleaned(runner).assertContentEquals("""
                text
                Congratulations! You have won a free cruise to the Bahamas call now
                See you at the station at six
                """);
        cleaned(runner).assertAttributeEquals("dq.clean.duplicates.near", "1");
    }

    @Test
    void jsonRecordsAreCleanedToo() throws Exception {
        runner = TestRunners.newTestRunner(CleanRecords.class);
        TestReaders.useJsonReader(runner);
        TestReaders.useCsvWriter(runner, CleanProperties.RECORD_WRITER);
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        clean(runner, "[{\"text\": \" hi  there \", \"n\": 1}, {\"text\": null, \"n\": 2}]");
        cleaned(runner).assertContentEquals("text,n\nhi there,1\n");
    }

    @Test
    void unreadableInputGoesToFailureUntouchedAndNothingElseIsEmitted() throws Exception {
        final byte[] malformed = "text,label\n\"unclosed,ham\nnext,spam\n".getBytes(StandardCharsets.UTF_8);
        JunkContent.assertGoesUnchangedToFailure(runner, CleanRecords.REL_FAILURE, malformed).assertAttributeExists("dq.error");
    }

    @Test
    void aReadErrorAfterARejectedRecordClosesEveryWriterAndLeavesOnlyTheFailedFlowFile() throws Exception {
        final TrackingWriterFactory writers = TrackingWriterFactory.use(runner, CleanProperties.RECORD_WRITER);
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        final String csv = "text\nhello\n\n\"unclosed\n";
        runner.enqueue(csv);
        runner.run();
        runner.assertAllFlowFilesTransferred(CleanRecords.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(CleanRecords.REL_FAILURE).getFirst().assertContentEquals(csv);
        assertEquals(2, writers.writersCreated(), "the cleaned records' writer and, after the empty text, the rejected one");
        assertEquals(0, writers.writersLeftOpen());
    }

    @Test
    void aMalformedStandardizationAttributeSendsTheFlowFileToFailureWithTheReason() {
        runner.setProperty(CleanProperties.STANDARDIZATION, StandardizationChoice.MIN_MAX);
        runner.enqueue("n\n40\n", Map.of("dq.clean.standardize.n.min", "ten", "dq.clean.standardize.n.max", "30.0"));
        runner.run();
        runner.assertAllFlowFilesTransferred(CleanRecords.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(CleanRecords.REL_FAILURE).getFirst();
        failed.assertContentEquals("n\n40\n");
        assertEquals("IllegalArgumentException: Attribute dq.clean.standardize.n.min is not a number: ten (caused by "
                + "NumberFormatException: For input string: \"ten\")", failed.getAttribute("dq.error"));
    }

    @Test
    void randomBytesAreNotCleanedButGoUnchangedToFailureWithTheShareOfInvalidBytes() throws Exception {
        JunkContent.assertRandomBytesGoUnchangedToFailure(runner, CleanRecords.REL_FAILURE);
        runner.assertTransferCount(CleanRecords.REL_SUCCESS, 0);
        runner.assertTransferCount(CleanRecords.REL_REJECTED, 0);
    }

    @Test
    void contentInWhichTheReaderFindsNoRecordGoesUnchangedToFailure() throws Exception {
        runner.setProperty(CleanProperties.MAX_INVALID_BYTE_RATIO, "1");
        final byte[] oneLine = JunkContent.randomBytesOnOneLine();
        runner.enqueue(oneLine);
        runner.enqueue("text,label\n");
        runner.run(2);
        runner.assertTransferCount(CleanRecords.REL_SUCCESS, 0);
        runner.assertTransferCount(CleanRecords.REL_REJECTED, 0);
        runner.assertTransferCount(CleanRecords.REL_FAILURE, 2);
        final List<MockFlowFile> failed = runner.getFlowFilesForRelationship(CleanRecords.REL_FAILURE);
        failed.get(0).assertContentEquals(oneLine);
        failed.get(0).assertAttributeEquals("dq.error", "204800 bytes of content but no record: the reader found none (not data in "
                + "the reader's format, or only a header)");
        failed.get(1).assertContentEquals("text,label\n");
        failed.get(1).assertAttributeEquals("dq.error", "11 bytes of content but no record: the reader found none (not data in "
                + "the reader's format, or only a header)");
    }

    @Test
    void bytesAreJudgedInTheCharacterSetTheFlowFileSays() throws Exception {
        final byte[] latin1 = "text\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        JunkContent.runDeclaredUtf8ThenLatin1(runner, latin1);
        runner.assertTransferCount(CleanRecords.REL_FAILURE, 1);
        runner.assertTransferCount(CleanRecords.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(CleanRecords.REL_FAILURE).getFirst().assertAttributeEquals("dq.error", "1 of the content's "
                + "10 bytes (10.00%) are not valid UTF-8, more than the 1.00% allowed: random or binary bytes, or a different character set");
        runner.getFlowFilesForRelationship(CleanRecords.REL_SUCCESS).getFirst().assertAttributeEquals("record.count", "1");
    }

    @Test
    void isNotSideEffectFreeBecauseItPublishesRecordKeysToTheDuplicateCache() {
        assertFalse(CleanRecords.class.isAnnotationPresent(org.apache.nifi.annotation.behavior.SideEffectFree.class));
    }

    @Test
    void anEmptyFlowFileGivesAnEmptyCleanBatch() {
        clean(runner, "");
        cleaned(runner).assertAttributeEquals("dq.records.in", "0");
    }
}
