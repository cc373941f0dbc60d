package io.nifidq.processors.clean;

import io.nifidq.processors.common.TestReaders;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockSessionFactory;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CleanRecords with a Distributed Duplicate Cache: exact duplicates across FlowFiles, and when their keys are stored. */
class CleanRecordsDuplicateCacheTest {

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestReaders.csvRunner(CleanRecords.class);
    }

    /** Runs one FlowFile that must be cleaned. */
    private void clean(final String csv) {
        clean(csv, Map.of());
    }

    private void clean(final String csv, final Map<String, String> attributes) {
        runner.enqueue(csv, attributes);
        runner.run();
        runner.assertTransferCount(CleanRecords.REL_SUCCESS, 1);
        runner.assertTransferCount(CleanRecords.REL_FAILURE, 0);
    }

    private MockFlowFile cleaned() {
        return runner.getFlowFilesForRelationship(CleanRecords.REL_SUCCESS).getFirst();
    }

    private String rejectedContent() {
        return runner.getFlowFilesForRelationship(CleanRecords.REL_REJECTED).getFirst().getContent();
    }

    private InMemoryMapCache useDuplicateCache() throws Exception {
        final InMemoryMapCache cache = new InMemoryMapCache();
        runner.addControllerService("cache", cache);
        runner.enableControllerService(cache);
        runner.setProperty(CleanProperties.DUPLICATE_CACHE, "cache");
        return cache;
    }

    @Test
    void withADistributedCacheARecordKeptFromAnEarlierFlowFileIsRejected() throws Exception {
        final InMemoryMapCache cache = useDuplicateCache();
        clean("""
                id,city
                1,Paris
                2,Lyon
                """);
        assertEquals(2, cache.entries.size(), "the keys of the two kept records are shared");
        runner.clearTransferState();
        clean("""
                id,city
                2,Lyon
                3,Nice
                """);
        cleaned().assertContentEquals("""
                id,city
                3,Nice
                """);
        cleaned().assertAttributeEquals("dq.clean.duplicates.earlier", "1");
        assertEquals("""
                id,city,dq_reject_reason
                2,Lyon,duplicates: exact duplicate of a record kept from an earlier FlowFile
                """, rejectedContent());
        assertEquals(3, cache.entries.size());
    }

    @Test
    void keysAreStoredOnlyAfterTheCleanedFlowFileIsCommitted() throws Exception {
        final InMemoryMapCache cache = useDuplicateCache();
        cache.sessionCommitted = this::everySessionCommitted;
        clean("""
                id,city
                1,Paris
                2,Lyon
                """);
        assertEquals(2, cache.entries.size());
        assertEquals(List.of(true, true), cache.committedAtEachWrite, "each of the two keys written after the commit");
    }

    @Test
    void aFlowFileThatFailsStoresNoKey() throws Exception {
        final InMemoryMapCache cache = useDuplicateCache();
        runner.enqueue("id,city\n1,Paris\n\"unclosed\n");
        runner.run();
        runner.assertAllFlowFilesTransferred(CleanRecords.REL_FAILURE, 1);
        assertEquals(0, cache.entries.size(), "the record read before the error was never written");
        assertEquals(List.of(), cache.committedAtEachWrite);
    }

    @Test
    void keysThatCannotBeStoredAfterTheCommitLeaveTheCleanedRecordsOnSuccessAndLogAnError() throws Exception {
        final InMemoryMapCache cache = useDuplicateCache();
        final String csv = """
                id,city
                1,Paris
                1,Paris
                """;
        cache.failWrites = true;
        clean(csv);
        cleaned().assertAttributeEquals("record.count", "1");
        cleaned().assertAttributeEquals("dq.clean.duplicates.exact", "1");
        assertEquals(0, cache.entries.size());
        assertEquals(1, runner.getLogger().getErrorMessages().size());
        assertTrue(runner.getLogger().getErrorMessages().getFirst().getMsg().contains("could not be stored in the Distributed Map Cache"),
                runner.getLogger().getErrorMessages().getFirst().getMsg());
        runner.clearTransferState();
        cache.failWrites = false;
        clean("id,city\n1,Paris\n");
        cleaned().assertAttributeEquals("record.count", "1");
        cleaned().assertAttributeNotExists("dq.clean.duplicates.earlier");
    }

    private boolean everySessionCommitted() {
        return ((MockSessionFactory) runner.getProcessSessionFactory()).getCreatedSessions().stream().allMatch(session -> {
            try {
                session.assertCommitted();
                return true;
            } catch (final AssertionError notCommitted) {
                return false;
            }
        });
    }

    @Test
    void cacheKeyPrefixesKeepDataSetsApart() throws Exception {
        useDuplicateCache();
        runner.setProperty(CleanProperties.DUPLICATE_CACHE_PREFIX, "${dataset}");
        clean("id\n7\n", Map.of("dataset", "orders"));
        runner.clearTransferState();
        clean("id\n7\n", Map.of("dataset", "returns"));
        cleaned().assertAttributeEquals("record.count", "1");
        runner.clearTransferState();
        clean("id\n7\n", Map.of("dataset", "orders"));
        cleaned().assertAttributeEquals("record.count", "0");
    }
}
